import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import type { Manifest } from '../src/publish/manifest.js';
import { detectSilences, measureLoudness } from './helpers/audio.js';
import { makeWorkspace, runCli, SAMPLE } from './helpers/cli.js';

let work: { dir: string; config: string; out: string };
beforeAll(async () => {
  work = await makeWorkspace();
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

describe.each(['slt', 'rms', 'awb', 'kal16'])('the sample edition read by %s', (voice) => {
  it('meets the loudness targets and has silence exactly where the manifest puts the gaps', async () => {
    const out = path.join(work.dir, `out-${voice}`);
    const result = await runCli(['build', SAMPLE, '-c', work.config, '-o', out, '--voice', voice, '--json', '--no-feed']);
    expect(result.code).toBe(0);
    const episode = JSON.parse(result.stdout).episodes[0];
    const mp3 = path.join(out, episode.slug, 'episode.mp3');
    const manifest = JSON.parse(await readFile(path.join(out, episode.slug, 'manifest.json'), 'utf8')) as Manifest;

    const measured = await measureLoudness(mp3);
    expect(Math.abs(measured.integrated - -16)).toBeLessThanOrEqual(0.5);
    expect(measured.truePeak).toBeLessThanOrEqual(-1.5);
    // The build reports what it measured; it agrees with an independent measurement.
    expect(Math.abs(episode.loudness.integratedLufs - measured.integrated)).toBeLessThanOrEqual(0.3);

    const paragraphs = manifest.articles.flatMap((a) => a.paragraphs);
    const gaps = paragraphs.slice(1).map((p, i) => ({ start: paragraphs[i]!.end, end: p.start }));
    // Each pause is rounded to whole MP3 frames (26 ms), so a segment never depends on its neighbours.
    for (const gap of gaps) expect(Math.abs(gap.end - gap.start - 0.7)).toBeLessThanOrEqual(0.0131);
    const first = paragraphs[0]!.start;
    const last = paragraphs[paragraphs.length - 1]!.end;
    const silences = (await detectSilences(mp3, -45, 0.45)).filter((s) => (s.start + s.end) / 2 > first && (s.start + s.end) / 2 < last);
    // Every gap is found, within 120 ms, and nothing else: no silence where the manifest puts speech.
    expect(silences).toHaveLength(gaps.length);
    silences.forEach((silence, i) => {
      expect(Math.abs(silence.start - gaps[i]!.start)).toBeLessThan(0.12);
      expect(Math.abs(silence.end - gaps[i]!.end)).toBeLessThan(0.12);
    });
    // No silence longer than the article pause plus a second anywhere in the episode.
    for (const silence of await detectSilences(mp3, -60, 0.3)) expect(silence.end - silence.start).toBeLessThan(1.5 + 1);
  });
});

describe('chapters', () => {
  it('gives a three-article Markdown edition three ID3 chapters and three chapters.json entries', async () => {
    const file = path.join(work.dir, '2026-11-27-three-stories.md');
    await writeFile(
      file,
      [
        '---',
        'title: Three Stories',
        '---',
        '# Harbour reopens',
        'The harbour reopened on Monday after a week of storms.',
        '# Council votes on budget',
        'The council voted to approve the budget.',
        '- Schools get more money.',
        '# Rain returns',
        '> Bring an umbrella, forecasters said.',
      ].join('\n'),
    );
    const out = path.join(work.dir, 'out-md');
    const result = await runCli(['build', file, '-c', work.config, '-o', out, '--json', '--no-feed']);
    expect(result.code).toBe(0);
    const titles = ['Harbour reopens', 'Council votes on budget', 'Rain returns'];
    const info = await probe(path.join(out, 'three-stories', 'episode.mp3').replace('three-stories', '2026-11-27-three-stories'));
    expect(info.chapters.map((c) => c.title)).toEqual(titles);
    const chapters = JSON.parse(await readFile(path.join(out, '2026-11-27-three-stories', 'chapters.json'), 'utf8'));
    expect(chapters.version).toBe('1.2.0');
    expect(chapters.chapters.map((c: { title: string }) => c.title)).toEqual(titles);
    const starts = chapters.chapters.map((c: { startTime: number }) => c.startTime);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    // Chapters start after the intro.
    expect(starts[0]).toBeGreaterThan(2);
    info.chapters.forEach((chapter, i) => expect(chapter.start).toBeCloseTo(starts[i], 1));
    const vtt = await readFile(path.join(out, '2026-11-27-three-stories', 'transcript.vtt'), 'utf8');
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    expect(vtt).toContain('Bring an umbrella, forecasters said.');
  });
});

describe('intro and outro music, cover art', () => {
  it('plays music before the intro and under the outro, keeps timings exact and loudness on target, and embeds the cover', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const { toolPaths } = await import('../src/audio/ffmpeg.js');
    const run = promisify(execFile);
    const music = path.join(work.dir, 'theme.wav');
    const cover = path.join(work.dir, 'cover.png');
    await run(toolPaths().ffmpeg, ['-y', '-f', 'lavfi', '-i', 'sine=f=220:d=6,volume=-30dB', '-ar', '44100', music]);
    await run(toolPaths().ffmpeg, ['-y', '-f', 'lavfi', '-i', 'color=c=navy:s=1400x1400:d=1', '-frames:v', '1', cover]);
    const musical = await makeWorkspace({
      audio: { introMusic: { file: music, mode: 'before', fadeSeconds: 1.5 }, outroMusic: { file: music, mode: 'under', fadeSeconds: 2 } },
      show: { image: cover },
    });
    try {
      const plain = path.join(musical.dir, 'plain');
      const withMusic = path.join(musical.dir, 'music');
      const noMusicConfig = await makeWorkspace({ show: { image: cover } });
      const a = await runCli(['build', SAMPLE, '-c', noMusicConfig.config, '-o', plain, '--json', '--no-feed']);
      const b = await runCli(['build', SAMPLE, '-c', musical.config, '-o', withMusic, '--json', '--no-feed']);
      expect(a.code).toBe(0);
      expect(b.code).toBe(0);
      const slug = '2026-11-25-a-little-respite';
      const read = async (dir: string) => JSON.parse(await readFile(path.join(dir, slug, 'manifest.json'), 'utf8')) as Manifest;
      const [m1, m2] = [await read(plain), await read(withMusic)];
      const p1 = m1.articles[0]!.paragraphs;
      const p2 = m2.articles[0]!.paragraphs;
      // Six seconds of music come first: every paragraph moves by exactly that, and keeps its length.
      p1.forEach((p, i) => {
        expect(p2[i]!.start - p.start).toBeCloseTo(6, 1);
        expect(p2[i]!.end - p2[i]!.start).toBeCloseTo(p.end - p.start, 2);
      });
      // The outro bed fades out after the voice.
      expect(m2.audio.durationSeconds - m1.audio.durationSeconds).toBeGreaterThan(6 + 1.9);
      const mp3 = path.join(withMusic, slug, 'episode.mp3');
      const measured = await measureLoudness(mp3);
      expect(Math.abs(measured.integrated - -16)).toBeLessThanOrEqual(0.5);
      expect(measured.truePeak).toBeLessThanOrEqual(-1.5);
      // The music is really there: no silence at the start.
      const silences = await detectSilences(mp3, -50, 0.3);
      expect(silences.every((s) => s.start > 0.5)).toBe(true);
      const info = await probe(mp3);
      expect(Math.abs(info.durationSeconds - m2.audio.durationSeconds)).toBeLessThan(0.1);
      const { stdout } = await run(toolPaths().ffprobe, ['-v', 'error', '-show_streams', '-of', 'json', mp3]);
      const streams = JSON.parse(stdout).streams as Array<{ codec_type: string; disposition?: { attached_pic?: number } }>;
      expect(streams.some((s) => s.codec_type === 'video' && s.disposition?.attached_pic === 1)).toBe(true);
      await rm(noMusicConfig.dir, { recursive: true, force: true });
    } finally {
      await rm(musical.dir, { recursive: true, force: true });
    }
  });
});
