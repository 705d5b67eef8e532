import type { Edition } from '../edition/types.js';
import type { ScriptLine } from '../edition/types.js';

/** Where each line of the script is in the finished episode, and each of its words, in seconds. */
export interface EpisodeTimeline {
  lines: TimelineLine[];
  durationSeconds: number;
}

export interface TimelineLine {
  line: ScriptLine;
  start: number;
  end: number;
  /** One per word of `line.text` split on white space, in order. */
  words?: Array<{ word: string; start: number; end: number }>;
  wordTiming?: 'engine' | 'estimate';
}

/**
 * Each article's span: from its first line (title or paragraph) to the start of the next
 * article, the last one to the end of its own last line. The ID3 chapters and the manifest
 * both use these spans, so they always agree.
 */
export function articleSpans(
  edition: Edition,
  timeline: EpisodeTimeline,
): Array<{ lines: EpisodeTimeline['lines']; start: number; end: number }> {
  return edition.articles.map((article, index) => {
    const own = timeline.lines.filter((entry) => entry.line.articleId === article.id);
    const next = edition.articles[index + 1];
    const nextStart = next ? timeline.lines.find((entry) => entry.line.articleId === next.id)?.start : undefined;
    return { lines: own, start: own[0]?.start ?? 0, end: nextStart ?? own[own.length - 1]?.end ?? timeline.durationSeconds };
  });
}
