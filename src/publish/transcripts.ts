import { sentencesOf, splitText } from '../text/split.js';
import { splitWords, wordKey } from '../text/words.js';
import type { Manifest, TranscriptJson, TranscriptSegment } from './manifest.js';
import type { EpisodeTimeline, TimelineLine } from './spans.js';

/**
 * WebVTT, SubRip and JSON transcripts from the episode's timeline. Each paragraph is cut into
 * cues at sentence boundaries (then at clause or word boundaries for long sentences), at most
 * two short lines and about seven seconds each; a cue starts when its first word starts and
 * ends when its last word ends. The JSON transcript has one segment per word.
 */

export interface Cue {
  start: number;
  end: number;
  lines: string[];
}

const MAX_LINE = 42;
const MAX_CUE_CHARS = 2 * MAX_LINE;

/** Splits text into sentences, keeping "Mr." or "U.S." from ending one. */
export function splitSentences(text: string): string[] {
  return sentencesOf(text);
}

/** Wraps a cue's text onto at most two balanced lines. */
function wrap(text: string): string[] {
  if (text.length <= MAX_LINE) return [text];
  const middle = text.length / 2;
  let best = -1;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1)) {
    if (best === -1 || Math.abs(i - middle) < Math.abs(best - middle)) best = i;
  }
  return best === -1 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/** A cue stays on screen about this long at most. */
const MAX_CUE_SECONDS = 7;

/**
 * A paragraph's cues. With `words` (one per word of `text`) cues are timed by them; without,
 * by share of text between `start` and `end`.
 */
export function paragraphCues(text: string, start: number, end: number, words?: TimelineLine['words']): Cue[] {
  // As many characters as the voice reads in seven seconds, and never more than two lines.
  const charsPerSecond = text.length / Math.max(0.001, end - start);
  const maxChars = Math.max(16, Math.min(MAX_CUE_CHARS, Math.floor(charsPerSecond * MAX_CUE_SECONDS)));
  const pieces = splitSentences(text).flatMap((sentence) => splitText(sentence, { maxBytes: maxChars, measure: (piece) => piece.length }));
  if (words && words.length === splitWords(text).length) {
    const counts = pieces.map((piece) => splitWords(piece).length);
    if (counts.reduce((sum, n) => sum + n, 0) === words.length) return cuesOnWords(pieces, counts, words);
  }
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0) || 1;
  const cues: Cue[] = [];
  let position = start;
  for (const piece of pieces) {
    const length = ((end - start) * piece.length) / total;
    cues.push({ start: position, end: position + length, lines: wrap(piece) });
    position += length;
  }
  if (cues.length > 0) cues[cues.length - 1]!.end = end;
  return cues;
}

function cuesOnWords(pieces: string[], counts: number[], words: NonNullable<TimelineLine['words']>): Cue[] {
  const cues: Cue[] = [];
  let first = 0;
  pieces.forEach((piece, i) => {
    const own = words.slice(first, first + counts[i]!);
    first += counts[i]!;
    // A dash or a quote mark alone is not spoken: the cue's edges are its spoken words.
    const spoken = own.filter((timing) => wordKey(timing.word) !== '');
    const edges = spoken.length > 0 ? spoken : own;
    if (edges.length === 0) return;
    const start = edges[0]!.start;
    cues.push({ start, end: Math.max(start, edges[edges.length - 1]!.end), lines: wrap(piece) });
  });
  return cues;
}

/** Every paragraph's cues, in episode order. */
export function timelineCues(timeline: EpisodeTimeline): Cue[] {
  return timeline.lines
    .filter((entry) => entry.line.role === 'paragraph')
    .flatMap((entry) => paragraphCues(entry.line.text, entry.start, entry.end, entry.words));
}

/**
 * `transcript.json`: Podcasting 2.0 JSON transcript, one segment per spoken word of every line
 * (intro, titles and outro included); paragraph words say which paragraph and which word.
 */
export function renderTranscriptJson(timeline: EpisodeTimeline): string {
  const segments: TranscriptSegment[] = [];
  const sources = new Set<string>();
  for (const entry of timeline.lines) {
    if (!entry.words) continue;
    sources.add(entry.wordTiming ?? 'estimate');
    const paragraph = entry.line.role === 'paragraph' ? entry.line.paragraphId : undefined;
    entry.words.forEach((timing, index) => {
      if (wordKey(timing.word) === '') return;
      segments.push({
        startTime: round(timing.start),
        endTime: round(timing.end),
        body: timing.word,
        ...(paragraph ? { paragraph, word: index } : {}),
      });
    });
  }
  const timing = sources.size === 1 ? (sources.has('engine') ? 'engine' : 'estimate') : 'mixed';
  const transcript: TranscriptJson = { version: '1.0.0', ...(sources.size > 0 ? { timing } : {}), segments };
  return `${JSON.stringify(transcript)}\n`;
}

function timestamp(seconds: number, separator: '.' | ','): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/**
 * WebVTT's own escaping, not markup's: cue text escapes only `&`, `<` and `>` (which also keeps
 * "-->" out of it). Quotes stay as they are, since many players' cue parsers know no other
 * character references and would show `&quot;` or `&#39;` as written.
 */
function vttText(line: string): string {
  return line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderVtt(cues: Cue[]): string {
  const blocks = cues.map(
    (cue, i) => `${i + 1}\n${timestamp(cue.start, '.')} --> ${timestamp(cue.end, '.')}\n${cue.lines.map(vttText).join('\n')}`,
  );
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

export function renderSrt(cues: Cue[]): string {
  const blocks = cues.map(
    (cue, i) =>
      `${i + 1}\n${timestamp(cue.start, ',')} --> ${timestamp(cue.end, ',')}\n${cue.lines.map((l) => l.replace(/-->/g, '->')).join('\n')}`,
  );
  return `${blocks.join('\n\n')}\n`;
}

/** Podcasting 2.0 JSON chapters (version 1.2), one per article. */
export function renderChapters(manifest: Manifest): string {
  const chapters = manifest.articles.map((article) => ({
    startTime: round(article.start),
    endTime: round(article.end),
    title: article.title,
  }));
  return `${JSON.stringify({ version: '1.2.0', chapters }, null, 2)}\n`;
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
