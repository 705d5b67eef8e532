import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import type { Manifest } from '../src/publish/manifest.js';
import { decodeSamples, detectSilences, measureLoudness, measureRangeLoudness } from './helpers/audio.js';
import { makeWorkspace, runCli } from './helpers/cli.js';

/**
 * An edit costs only what it changed: one paragraph of a three-story edition is edited, one
 * segment is encoded again, the other stories' MP3s stay byte for byte the same, and the
 * episode still meets the audio checks.
 */

const SLUG = '2026-11-27-three-stories';

function edition(secondParagraph: string): string {
  const body = [
    '# Harbour reopens',
    'The harbour reopened on Monday after a week of storms kept the fishing fleet in port.',
    'Crews worked through the night to clear the channel of debris.',
    '# Council votes on budget',
    secondParagraph,
    'Libraries will open on Sundays from the spring.',
    '# Rain returns',
    'Bring an umbrella, forecasters said, as a band of rain moves in from the west.',
    'The weekend should be dry and mild.',
  ];
  return `---\ntitle: Three Stories\n---\n${body.join('\n\n')}\n`;
}

let work: { dir: string; config: string; out: string };
let file: string;
beforeAll(async () => {
  work = await makeWorkspace();
  file = path.join(work.dir, `${SLUG}.md`);
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

interface Built {
  json: { episodes: Array<{ segments: { encoded: number; cached: number }; clips: { synthesized: number } }> };
  manifest: Manifest;
  stories: Buffer[];
}

async function build(): Promise<Built> {
  const result = await runCli(['build', file, '-c', work.config, '-o', work.out, '--json', '--no-feed']);
  expect(result.stderr).not.toMatch(/^error/m);
  expect(result.code).toBe(0);
  const folder = path.join(work.out, SLUG);
  const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as Manifest;
  const stories = await Promise.all(manifest.articles.map((article) => readFile(path.join(folder, article.audio!.url))));
  return { json: JSON.parse(result.stdout), manifest, stories };
}

describe('an edit to one paragraph of a three-story edition', () => {
  let first: Built;
  let second: Built;
  beforeAll(async () => {
    await writeFile(file, edition('The council voted to approve the budget, with more money for schools.'));
    first = await build();
    await writeFile(file, edition('The council voted to approve the budget, with more money for schools and parks.'));
    second = await build();
  });

  it('encodes exactly one segment again and keeps the other stories’ MP3s byte for byte', () => {
    const segments = first.json.episodes[0]!.segments;
    // Intro, three titles, six paragraphs, outro.
    expect(segments).toEqual({ encoded: 11, cached: 0 });
    expect(second.json.episodes[0]!.clips.synthesized).toBe(1);
    expect(second.json.episodes[0]!.segments).toEqual({ encoded: 1, cached: 10 });
    expect(second.stories[0]!.equals(first.stories[0]!)).toBe(true);
    expect(second.stories[2]!.equals(first.stories[2]!)).toBe(true);
    expect(second.stories[1]!.equals(first.stories[1]!)).toBe(false);
  });

  it('lists each story’s MP3 in the manifest, the episode from the story’s start to its end', async () => {
    const folder = path.join(work.out, SLUG);
    const episode = await decodeSamples(path.join(folder, 'episode.mp3'));
    for (const [i, article] of second.manifest.articles.entries()) {
      expect(article.audio).toEqual({
        url: `${article.id}.mp3`,
        durationSeconds: expect.any(Number),
        bytes: second.stories[i]!.length,
      });
      // To the story's end, less LAME's padding where the next story follows: 26 ms of the pause.
      const short = article.end - article.start - article.audio!.durationSeconds;
      expect(short).toBeGreaterThanOrEqual(-0.001);
      expect(short).toBeLessThan(0.03);
      const story = await decodeSamples(path.join(folder, article.audio!.url));
      expect(Math.abs(story.length / 44100 - article.audio!.durationSeconds)).toBeLessThan(0.001);
      // Sample for sample the episode's audio from the story's start (the manifest rounds it to the millisecond).
      const around = Math.round(article.start * 44100);
      let difference = Number.POSITIVE_INFINITY;
      for (let offset = around - 30; offset <= around + 30; offset++) {
        let largest = 0;
        for (let s = 0; s < story.length && largest < difference; s++)
          largest = Math.max(largest, Math.abs(story[s]! - episode[offset + s]!));
        difference = Math.min(difference, largest);
      }
      expect(difference).toBeLessThanOrEqual(2);
      const tags = (await probe(path.join(folder, article.audio!.url))).tags;
      expect(tags.title).toBe(article.title);
    }
  });

  it('still meets the episode’s loudness, gap and duration checks', async () => {
    const mp3 = path.join(work.out, SLUG, 'episode.mp3');
    const { manifest } = second;
    const measured = await measureLoudness(mp3);
    expect(Math.abs(measured.integrated - -16)).toBeLessThanOrEqual(0.5);
    expect(measured.truePeak).toBeLessThanOrEqual(-1.5);
    const paragraphs = manifest.articles.flatMap((a) => a.paragraphs);
    for (const paragraph of paragraphs) {
      const loudness = await measureRangeLoudness(mp3, paragraph.start, paragraph.end);
      expect(Math.abs(loudness - measured.integrated)).toBeLessThanOrEqual(1.5);
    }
    // Every gap between paragraphs of a story is silence, where the manifest puts it.
    const gaps = manifest.articles.flatMap((a) => a.paragraphs.slice(1).map((p, i) => ({ start: a.paragraphs[i]!.end, end: p.start })));
    const silences = await detectSilences(mp3, -50, 0.3);
    for (const gap of gaps) {
      const found = silences.find((s) => Math.abs(s.start - gap.start) < 0.05);
      expect(found, `silence at ${gap.start.toFixed(3)} s`).toBeDefined();
      expect(Math.abs(found!.end - gap.end)).toBeLessThan(0.05);
    }
    const info = await probe(mp3);
    expect(Math.abs(info.durationSeconds - manifest.audio.durationSeconds)).toBeLessThan(0.03);
    expect(info.chapters.map((c) => c.title)).toEqual(['Harbour reopens', 'Council votes on budget', 'Rain returns']);
  });
});
