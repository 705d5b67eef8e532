import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import type { Manifest } from '../src/publish/manifest.js';
import { makeWorkspace, runCli, SAMPLE } from './helpers/cli.js';
import { sampleLines } from './helpers/editions.js';

/** The seed's body: every line but the title, the "Listen" line and the two subscription lines. */
function seedParagraphs(): string[] {
  return sampleLines().slice(2, 14);
}

let work: { dir: string; config: string; out: string };
let edition: string;

beforeAll(async () => {
  work = await makeWorkspace();
  edition = path.join(work.dir, '2026-11-25-a-little-respite.txt');
  await writeFile(edition, await readFile(SAMPLE));
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

async function readManifest(slug = '2026-11-25-a-little-respite'): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(work.out, slug, 'manifest.json'), 'utf8')) as Manifest;
}

describe('audio-edition build (the built CLI, end to end)', () => {
  it('--dry-run plans and writes nothing', async () => {
    const result = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--dry-run', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.dryRun).toBe(true);
    expect(json.episodes[0]).toMatchObject({ slug: '2026-11-25-a-little-respite', paragraphs: 12, clips: { cached: 0 } });
    expect(json.episodes[0].clips.synthesized).toBeGreaterThanOrEqual(12);
    expect(json.episodes[0].characters.synthesized).toBe(json.episodes[0].characters.total);
    await expect(stat(work.out)).rejects.toThrow();
  });

  it('builds the sample edition into a listenable episode with the SPEC outputs', async () => {
    const result = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.feed).toBe(path.join(work.out, 'feed.xml'));
    const episode = json.episodes[0];
    expect(episode).toMatchObject({
      slug: '2026-11-25-a-little-respite',
      title: 'A Little Respite',
      articles: 1,
      paragraphs: 12,
      estimatedCostUsd: 0,
    });
    expect(episode.clips.cached).toBe(0);
    expect(episode.clips.synthesized).toBeGreaterThanOrEqual(12);
    expect(episode.audio).toBe(path.join(work.out, '2026-11-25-a-little-respite/episode.mp3'));

    const folder = path.join(work.out, episode.slug);
    expect((await readdir(folder)).sort()).toEqual([
      'a1.mp3',
      'chapters.json',
      'episode.mp3',
      'index.html',
      'manifest.json',
      'transcript.json',
      'transcript.srt',
      'transcript.vtt',
    ]);
    expect((await readdir(work.out)).sort()).toEqual([episode.slug, 'episodes.json', 'feed.xml', 'player.js']);

    const manifest = await readManifest();
    const info = await probe(path.join(folder, 'episode.mp3'));
    expect(info.codec).toBe('mp3');
    expect(info.sampleRate).toBe(44100);
    expect(info.channels).toBe(1);
    expect(Math.abs(info.durationSeconds - manifest.audio.durationSeconds)).toBeLessThan(0.1);
    expect(manifest.audio.bytes).toBe((await stat(path.join(folder, 'episode.mp3'))).size);
    expect(episode.durationSeconds).toBeCloseTo(manifest.audio.durationSeconds, 1);

    // Exactly the seed's twelve body paragraphs, as written, in order, not overlapping; the title is read first.
    const paragraphs = manifest.articles.flatMap((a) => a.paragraphs);
    expect(paragraphs.map((p) => p.text)).toEqual(seedParagraphs());
    expect(paragraphs.map((p) => p.id)).toEqual(Array.from({ length: 12 }, (_, i) => `a1-p${i + 1}`));
    expect(manifest.articles[0]!.title).toBe('A Little Respite');
    expect(paragraphs[0]!.start).toBeGreaterThan(1);
    for (let i = 0; i < paragraphs.length; i++) {
      expect(paragraphs[i]!.end).toBeGreaterThan(paragraphs[i]!.start);
      if (i > 0) expect(paragraphs[i]!.start).toBeGreaterThanOrEqual(paragraphs[i - 1]!.end);
    }
    expect(paragraphs[11]!.end).toBeLessThanOrEqual(manifest.audio.durationSeconds);
    expect(info.tags.title).toBe('A Little Respite');
    expect(info.chapters.map((c) => c.title)).toEqual(['A Little Respite']);
  });

  it('rebuilds an unchanged edition without synthesizing, and one edited paragraph synthesizes one clip', async () => {
    const unchanged = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
    expect(unchanged.code).toBe(0);
    expect(JSON.parse(unchanged.stdout).episodes[0].clips).toMatchObject({ synthesized: 0 });
    expect(JSON.parse(unchanged.stdout).episodes[0].characters.synthesized).toBe(0);

    const text = await readFile(edition, 'utf8');
    await writeFile(edition, text.replace('He was convicted in 2022', 'He was convicted in late 2022'));
    const edited = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
    expect(edited.code).toBe(0);
    const episode = JSON.parse(edited.stdout).episodes[0];
    expect(episode.clips.synthesized).toBe(1);
    const manifest = await readManifest();
    expect(manifest.articles[0]!.paragraphs[4]!.text).toContain('late 2022');

    const forced = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json', '--force']);
    expect(JSON.parse(forced.stdout).episodes[0].clips.cached).toBe(0);
  });

  it('builds a generated hundred-paragraph edition in one run', async () => {
    const lines = ['One Hundred Paragraphs'];
    for (let a = 0; a < 5; a++) {
      if (a > 0) lines.push('---', `Story ${a + 1}`);
      for (let p = 0; p < 20; p++)
        lines.push(
          `Story ${a + 1}, paragraph ${p + 1}: officials said on Tuesday that the plan would cost ${p + 3} million dollars over ${a + 2} years.`,
        );
    }
    const file = path.join(work.dir, '2026-11-26-one-hundred.txt');
    await writeFile(file, lines.join('\n'));
    const result = await runCli(['build', file, '-c', work.config, '-o', work.out, '--json']);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).episodes[0]).toMatchObject({ paragraphs: 100, articles: 5 });
    const manifest = await readManifest('2026-11-26-one-hundred');
    expect(manifest.articles.map((a) => a.paragraphs.length)).toEqual([20, 20, 20, 20, 20]);
  });

  it('fails on a missing edition with exit code 2 and one line naming the file', async () => {
    const result = await runCli(['build', path.join(work.dir, 'nope.txt'), '-c', work.config, '-o', work.out]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('nope.txt');
    expect(result.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('prints help with examples for every command', async () => {
    for (const command of ['build', 'feed', 'voices', 'preview', 'serve', 'doctor']) {
      const result = await runCli([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Examples:');
    }
  });

  it('lists the flite voices', async () => {
    const result = await runCli(['voices', '--engine', 'flite', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).voices.map((v: { name: string }) => v.name)).toEqual(['slt', 'rms', 'awb', 'kal16']);
  });
});
