import { describe, expect, it } from 'vitest';
import type { Manifest } from '../src/publish/manifest.js';
import type { ScriptLine } from '../src/edition/types.js';
import type { EpisodeTimeline } from '../src/publish/spans.js';
import {
  paragraphCues,
  renderChapters,
  renderSrt,
  renderTranscriptJson,
  renderVtt,
  splitSentences,
  timelineCues,
} from '../src/publish/transcripts.js';
import { estimateWordTimings, splitWords } from '../src/text/words.js';

const paragraph =
  'Last week, the government announced that Lukashenko signed an amnesty bill that will affect 7,850 individuals. Under the bill, more than 2,090 people will be released, 800 will have the remainder of their suspended sentences commuted, and 4,550 others will have their terms cut by one year.';

describe('transcript cues', () => {
  it('splits at sentence boundaries without breaking on abbreviations', () => {
    expect(splitSentences('Mr. Smith went to the U.S. Senate. He spoke. Dr. Jones did not.')).toEqual([
      'Mr. Smith went to the U.S. Senate.',
      'He spoke.',
      'Dr. Jones did not.',
    ]);
  });

  it('keeps cues to two short lines and about seven seconds, in order, inside the paragraph', () => {
    const cues = paragraphCues(paragraph, 25.66, 45.15);
    expect(cues.length).toBeGreaterThanOrEqual(4);
    expect(cues[0]!.start).toBe(25.66);
    expect(cues[cues.length - 1]!.end).toBe(45.15);
    cues.forEach((cue, i) => {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(50);
      expect(cue.end - cue.start).toBeLessThanOrEqual(7.5);
      expect(cue.end).toBeGreaterThan(cue.start);
      if (i > 0) expect(cue.start).toBeCloseTo(cues[i - 1]!.end, 6);
    });
    expect(cues.map((c) => c.lines.join(' ')).join(' ')).toBe(paragraph);
  });

  const manifest: Manifest = {
    version: 1,
    slug: 's',
    title: 'T',
    date: '2026-11-25',
    audio: { url: 'episode.mp3', durationSeconds: 20, bytes: 1, type: 'audio/mpeg' },
    articles: [
      {
        id: 'a1',
        title: 'One',
        start: 2,
        end: 9,
        paragraphs: [{ id: 'a1-p1', text: 'Tom & Jerry <script>alert(1)</script> --> end.', start: 2, end: 6 }],
      },
      { id: 'a2', title: 'Two', start: 9, end: 20, paragraphs: [{ id: 'a2-p1', text: 'Second story.', start: 9.5, end: 12.25 }] },
    ],
  };

  /** The manifest's paragraphs as a timeline, words spread evenly over each. */
  const timeline: EpisodeTimeline = {
    durationSeconds: 20,
    lines: manifest.articles.flatMap((article) =>
      article.paragraphs.map((p) => ({
        line: { role: 'paragraph', text: p.text, articleId: article.id, paragraphId: p.id, pauseAfter: 0.7 } satisfies ScriptLine,
        start: p.start,
        end: p.end,
        words: estimateWordTimings(p.text, p.start, p.end),
        wordTiming: 'estimate' as const,
      })),
    ),
  };

  it('renders WebVTT with escaped text and SubRip with comma timestamps', () => {
    const cues = timelineCues(timeline);
    const vtt = renderVtt(cues);
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    expect(vtt).toContain('00:00:02.000 --> 00:00:06.000');
    expect(vtt).toContain('Tom &amp; Jerry');
    expect(vtt).toContain('&lt;script&gt;alert(1)&lt;/script&gt; --&gt; end.');
    expect(vtt).not.toContain('<script>');
    expect(vtt.split('\n').filter((l) => l.includes('-->'))).toHaveLength(2);
    const srt = renderSrt(cues);
    expect(srt).toContain('1\n00:00:02,000 --> 00:00:06,000\n');
    expect(srt).toContain('2\n00:00:09,500 --> 00:00:12,250\nSecond story.');
  });

  it('starts every cue when its first word starts and ends it when its last word ends', () => {
    const words = splitWords(paragraph).map((word, i) => ({ word, start: 10 + i * 0.4, end: 10 + i * 0.4 + 0.3 }));
    const cues = paragraphCues(paragraph, 9.8, 30, words);
    expect(cues.length).toBeGreaterThanOrEqual(4);
    let next = 0;
    for (const cue of cues) {
      const count = splitWords(cue.lines.join(' ')).length;
      expect(cue.start).toBe(words[next]!.start);
      expect(cue.end).toBe(words[next + count - 1]!.end);
      next += count;
    }
    expect(next).toBe(words.length);
  });

  it('writes a JSON transcript with one segment per spoken word, naming its paragraph and word', () => {
    const intro: EpisodeTimeline['lines'][number] = {
      line: { role: 'intro', text: 'Welcome – listen.', pauseAfter: 1.5 },
      start: 0,
      end: 1.5,
      words: [
        { word: 'Welcome', start: 0.1, end: 0.6 },
        { word: '–', start: 0.6, end: 0.6 },
        { word: 'listen.', start: 0.8, end: 1.4 },
      ],
      wordTiming: 'engine',
    };
    const json = JSON.parse(renderTranscriptJson({ ...timeline, lines: [intro, ...timeline.lines] }));
    expect(json.version).toBe('1.0.0');
    expect(json.timing).toBe('mixed');
    expect(json.segments.slice(0, 2)).toEqual([
      { startTime: 0.1, endTime: 0.6, body: 'Welcome' },
      { startTime: 0.8, endTime: 1.4, body: 'listen.' },
    ]);
    const second = json.segments.filter((s: { paragraph?: string }) => s.paragraph === 'a2-p1');
    expect(second.map((s: { body: string; word: number }) => [s.body, s.word])).toEqual([
      ['Second', 0],
      ['story.', 1],
    ]);
    expect(second[0].startTime).toBe(9.5);
    expect(second[1].endTime).toBe(12.25);
    // "&" and "-->" have no letter or digit and get no segment; the words after keep their index.
    const first = json.segments.filter((s: { paragraph?: string }) => s.paragraph === 'a1-p1');
    expect(first.map((s: { word: number }) => s.word)).toEqual([0, 2, 3, 5]);
    for (const segment of json.segments) expect(segment.endTime).toBeGreaterThanOrEqual(segment.startTime);
  });

  it('renders Podcasting 2.0 chapters, one per article', () => {
    const chapters = JSON.parse(renderChapters(manifest));
    expect(chapters).toEqual({
      version: '1.2.0',
      chapters: [
        { startTime: 2, endTime: 9, title: 'One' },
        { startTime: 9, endTime: 20, title: 'Two' },
      ],
    });
  });
});
