import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processClip } from '../src/audio/clip.js';
import { probe } from '../src/audio/ffmpeg.js';
import { parseWav } from '../src/audio/wav.js';
import { stitchEpisode, type Segment } from '../src/audio/stitch.js';
import { parseConfig } from './helpers/config.js';
import { ClipCache, clipKey } from '../src/pipeline/cache.js';
import type { PreparedRequest } from '../src/engines/types.js';
import { detectSilences, measureLoudness, speechLikeWav } from './helpers/audio.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ae-stitch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function request(text: string): PreparedRequest {
  return { engine: 'test', engineVersion: '1', voice: 'v', settings: {}, inputs: [{ text }], billedCharacters: 0 };
}

describe('processClip', () => {
  it('trims leading and trailing silence and keeps the speech', () => {
    const wav = speechLikeWav({ seconds: 1, levelDb: -12, padding: 0.5 });
    const clip = processClip(wav);
    const seconds = clip.samples.length / clip.sampleRate;
    expect(seconds).toBeGreaterThan(0.98);
    expect(seconds).toBeLessThan(1.1);
    expect(parseWav(wav).samples.length / 16000).toBeCloseTo(2, 2);
  });

  it('fades the ends so joins do not click', () => {
    const clip = processClip(speechLikeWav({ seconds: 1, levelDb: -3 }));
    expect(Math.abs(clip.samples[0]!)).toBeLessThan(50);
    expect(Math.abs(clip.samples[clip.samples.length - 1]!)).toBeLessThan(50);
  });
});

describe('stitchEpisode on real ffmpeg', () => {
  it('brings clips 30 dB apart to the target loudness and true peak, with exact pauses and chapters', async () => {
    const cache = new ClipCache(path.join(dir, 'cache'));
    const levels = [-35, -5, -20, -8, -30, -12];
    const clips = await Promise.all(
      levels.map((levelDb, i) =>
        cache.put(
          clipKey(request(`c${i}`)),
          processClip(speechLikeWav({ seconds: 2 + (i % 3) * 0.5, levelDb, padding: 0.3, seed: i })),
          request(`c${i}`),
          { words: [], wordTiming: 'estimate' },
        ),
      ),
    );
    const pauses = [0.7, 1.5, 0.7, 0.7, 1.5];
    const segments: Segment[] = clips.flatMap((clip, i): Segment[] => [
      { kind: 'clip', clip },
      ...(i < pauses.length ? [{ kind: 'silence' as const, seconds: pauses[i]! }] : []),
    ]);
    const audio = parseConfig({}).audio;
    const outFile = path.join(dir, 'episode.mp3');
    const { timeline, loudness } = await stitchEpisode({
      segments,
      chapters: [
        { title: 'First & foremost', start: 0, end: timeline0(segments) },
        { title: 'Second; story', start: timeline0(segments), end: 100 },
      ],
      tags: { title: 'Test episode', album: 'Show', artist: 'Desk', date: '2026-11-25' },
      audio,
      outFile,
    });

    const measured = await measureLoudness(outFile);
    expect(Math.abs(measured.integrated - -16)).toBeLessThanOrEqual(0.5);
    expect(measured.truePeak).toBeLessThanOrEqual(-1.5);
    expect(Math.abs(loudness.integrated - measured.integrated)).toBeLessThan(0.5);

    // Each configured pause is found where the timeline puts it, within 50 ms.
    const silences = await detectSilences(outFile, -50, 0.3);
    const gaps = timeline.spans.filter((_, i) => segments[i]!.kind === 'silence');
    expect(silences).toHaveLength(gaps.length);
    gaps.forEach((gap, i) => {
      expect(Math.abs(silences[i]!.start - gap.start)).toBeLessThan(0.05);
      expect(Math.abs(silences[i]!.end - gap.end)).toBeLessThan(0.05);
    });

    const info = await probe(outFile);
    expect(info.codec).toBe('mp3');
    expect(info.sampleRate).toBe(44100);
    expect(info.channels).toBe(1);
    expect(Math.abs(info.durationSeconds - timeline.durationSeconds)).toBeLessThan(0.06);
    expect(info.tags.title).toBe('Test episode');
    expect(info.tags.album).toBe('Show');
    expect(info.chapters.map((c) => c.title)).toEqual(['First & foremost', 'Second; story']);
  });
});

function timeline0(segments: Segment[]): number {
  const first = segments[0]!;
  return first.kind === 'clip' ? first.clip.sampleCount / first.clip.sampleRate : 0;
}
