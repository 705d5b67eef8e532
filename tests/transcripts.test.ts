import { describe, expect, it } from 'vitest';
import type { Manifest } from '../src/publish/manifest.js';
import { manifestCues, paragraphCues, renderChapters, renderSrt, renderVtt, splitSentences } from '../src/publish/transcripts.js';

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

  it('renders WebVTT with escaped text and SubRip with comma timestamps', () => {
    const cues = manifestCues(manifest);
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
