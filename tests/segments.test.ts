import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processClip } from '../src/audio/clip.js';
import { type EncodedSegment, encodeSegments, segmentFilter } from '../src/audio/encode-segment.js';
import { probe, toolPaths } from '../src/audio/ffmpeg.js';
import { renderId3 } from '../src/audio/id3.js';
import { joinSegments } from '../src/audio/join.js';
import { combineCrc16, crc16, ENCODER_DELAY, readFrameHeader } from '../src/audio/mp3-frames.js';
import { layoutSegment, SEGMENT_OVERHEAD, type SegmentLayout, type SegmentSpec } from '../src/audio/segment.js';
import { parseConfig } from './helpers/config.js';
import { decodeSamples, detectSilences, largestJump, measureLoudness, measureRangeLoudness, speechLikeWav } from './helpers/audio.js';

/** Where a segment's first input sample is among its decoded frames: LAME's delay plus the decoder's filterbank delay (528 + 1). */
const SEGMENT_LEAD = ENCODER_DELAY + 529;

const run = promisify(execFile);
const audio = parseConfig({}).audio;
const RATE = audio.sampleRate;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ae-segments-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('layoutSegment', () => {
  const spec = (seconds: number, pauseAfter: number): SegmentSpec => ({
    parts: [{ audio: { file: 'x.pcm' }, sampleCount: Math.round(seconds * 16000), pauseAfter }],
    sampleRate: 16000,
    voiceSubBlocks: [],
  });

  it('makes every segment whole MP3 frames, with the pause rounded to the nearest frame', () => {
    for (const [seconds, pause] of [
      [2.5, 0.7],
      [7.31, 1.5],
      [0.4, 0.7],
    ] as const) {
      const layout = layoutSegment(spec(seconds, pause), RATE);
      expect(layout.samples % 1152).toBe(0);
      expect(layout.encodeSamples).toBe(layout.samples - SEGMENT_OVERHEAD);
      expect(Math.abs(layout.samples / RATE - (seconds + pause))).toBeLessThanOrEqual(576 / RATE + 1e-9);
    }
  });

  it('keeps the voice clear of the next segment’s encoder delay when there is no pause', () => {
    const layout = layoutSegment(spec(3, 0), RATE);
    expect(layout.encodeSamples).toBeGreaterThanOrEqual(3 * RATE);
  });

  it('uses MPEG-2 frames of 576 samples at 22.05 kHz', () => {
    expect(layoutSegment(spec(3, 0.7), 22050).samples % 576).toBe(0);
  });
});

describe('combineCrc16', () => {
  it('gives the CRC of two buffers joined from the CRC of each', () => {
    const a = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 37) % 256));
    const b = Buffer.from(Array.from({ length: 313 }, (_, i) => (i * 11 + 5) % 256));
    expect(combineCrc16(crc16(a), crc16(b), b.length)).toBe(crc16(Buffer.concat([a, b])));
    expect(combineCrc16(0, crc16(b), b.length)).toBe(crc16(b));
  });
});

interface Built {
  specs: SegmentSpec[];
  layouts: SegmentLayout[];
  encoded: EncodedSegment[];
  clips: string[];
  files: string[];
  starts: number[];
  voiceSeconds: number[];
}

/** Six clips 30 dB apart in level, with article, paragraph and no pauses between them. */
async function buildSegments(): Promise<Built> {
  const levels = [-35, -5, -20, -8, -30, -12];
  const pauses = [0.7, 1.5, 0.7, 0, 0.7, 0];
  const specs: SegmentSpec[] = [];
  const clips: string[] = [];
  for (const [i, levelDb] of levels.entries()) {
    const clip = processClip(speechLikeWav({ seconds: 1.5 + (i % 3) * 0.6, levelDb, padding: 0.2, seed: i }));
    const file = path.join(dir, `clip${i}.pcm`);
    await writeFile(file, Buffer.from(clip.samples.buffer));
    clips.push(file);
    specs.push({
      parts: [{ audio: { file }, sampleCount: clip.samples.length, pauseAfter: pauses[i]! }],
      sampleRate: clip.sampleRate,
      voiceSubBlocks: clip.subBlocks,
    });
  }
  const layouts = specs.map((spec) => layoutSegment(spec, RATE));
  const files = specs.map((_, i) => path.join(dir, `segment${i}.mp3`));
  // Two batches, as the build makes them: one process each.
  const encoded = [
    ...(await encodeSegments(
      [0, 1, 2].map((i) => ({ spec: specs[i]!, layout: layouts[i]!, outFile: files[i]! })),
      audio,
    )),
    ...(await encodeSegments(
      [3, 4, 5].map((i) => ({ spec: specs[i]!, layout: layouts[i]!, outFile: files[i]! })),
      audio,
    )),
  ];
  const starts: number[] = [];
  let position = 0;
  for (const layout of layouts) {
    starts.push(position);
    position += layout.samples;
  }
  const voiceSeconds = specs.map((spec) => spec.parts[0]!.sampleCount / spec.sampleRate);
  return { specs, layouts, encoded, clips, files, starts, voiceSeconds };
}

function pieces(built: Built, from = 0, to = built.files.length) {
  return built.files.slice(from, to).map((file, i) => ({ file, ...built.encoded[from + i]! }));
}

/** The same PCM the segments were encoded from, laid out on one timeline and encoded in one pass. */
async function encodeOnePass(built: Built, outFile: string): Promise<void> {
  const total = built.layouts.reduce((sum, layout) => sum + layout.samples, 0) - SEGMENT_OVERHEAD;
  const timeline = new Int16Array(total);
  for (const [i, layout] of built.layouts.entries()) {
    const gain = built.encoded[i]!.gainDb;
    const { stdout } = await run(
      toolPaths().ffmpeg,
      [
        ...['-hide_banner', '-loglevel', 'error', '-f', 's16le', '-ar', '16000', '-ac', '1', '-i', built.clips[i]!],
        ...['-af', segmentFilter(layout, gain, audio), '-f', 's16le', '-'],
      ],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
    );
    timeline.set(new Int16Array(stdout.buffer, stdout.byteOffset, layout.encodeSamples), built.starts[i]!);
  }
  const pcm = `${outFile}.pcm`;
  await writeFile(pcm, Buffer.from(timeline.buffer));
  await run(toolPaths().ffmpeg, [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 's16le', '-ar', String(RATE), '-ac', '1', '-i', pcm],
    ...['-c:a', 'libmp3lame', '-b:a', `${audio.bitrateKbps}k`, '-compression_level', '5', outFile],
  ]);
}

describe('segments encoded on their own and joined without decoding', () => {
  let built: Built;
  let episode: string;
  let joined: { samples: number; durationSeconds: number; bytes: number };
  beforeAll(async () => {
    built = await buildSegments();
    episode = path.join(dir, 'episode.mp3');
    const tag = renderId3({
      title: 'Joined episode',
      album: 'Show',
      artist: 'Desk',
      date: '2026-11-25',
      comment: 'Read aloud — with a dash',
      chapters: [
        { title: 'First & foremost', start: 0, end: built.starts[3]! / RATE },
        { title: 'Second; story', start: built.starts[3]! / RATE, end: 30 },
      ],
    });
    joined = await joinSegments({
      pieces: pieces(built),
      sampleRate: RATE,
      tag,
      encoder: built.encoded[0]!.encoder ?? 'LAME3.100',
      outFile: episode,
    });
  });

  it('decodes to exactly the samples the layout counts, and ffprobe agrees within 30 ms', async () => {
    const total = built.layouts.reduce((sum, layout) => sum + layout.samples, 0) - SEGMENT_OVERHEAD;
    expect(joined.samples).toBe(total);
    expect((await decodeSamples(episode)).length).toBe(total);
    const info = await probe(episode);
    expect(Math.abs(info.durationSeconds - joined.durationSeconds)).toBeLessThan(0.03);
    expect(info.tags.title).toBe('Joined episode');
    expect(info.tags.album).toBe('Show');
    expect(info.tags.artist).toBe('Desk');
    expect(info.tags.date).toBe('2026-11-25');
    expect(info.tags.comment).toBe('Read aloud — with a dash');
    expect(info.chapters.map((c) => c.title)).toEqual(['First & foremost', 'Second; story']);
    expect(info.chapters[1]!.start).toBeCloseTo(built.starts[3]! / RATE, 2);
  });

  it('writes an Info frame that counts the frames and bytes, with LAME’s delay, padding and CRCs', async () => {
    const bytes = await readFile(episode);
    const tagSize = ((bytes[6]! & 127) << 21) | ((bytes[7]! & 127) << 14) | ((bytes[8]! & 127) << 7) | (bytes[9]! & 127);
    const start = 10 + tagSize;
    const header = readFrameHeader(bytes, start)!;
    const xing = start + 4 + header.sideInfoBytes;
    expect(bytes.toString('latin1', xing, xing + 4)).toBe('Info');
    const frames = built.encoded.reduce((sum, segment) => sum + segment.frames, 0);
    expect(bytes.readUInt32BE(xing + 8)).toBe(frames);
    expect(bytes.readUInt32BE(xing + 12)).toBe(bytes.length - start);
    const toc = [...bytes.subarray(xing + 16, xing + 116)];
    expect(toc[0]).toBe(0);
    for (let i = 1; i < 100; i++) expect(toc[i]!).toBeGreaterThanOrEqual(toc[i - 1]!);
    const lame = xing + 120;
    expect(bytes.toString('latin1', lame, lame + 4)).toBe('LAME');
    const delays = bytes.readUIntBE(lame + 21, 3);
    expect(delays >> 12).toBe(576);
    expect(frames * 1152 - 576 - (delays & 4095)).toBe(joined.samples);
    expect(bytes.readUInt32BE(lame + 28)).toBe(bytes.length - start);
    expect(bytes.readUInt16BE(lame + 32)).toBe(crc16(bytes.subarray(start + header.bytes)));
    expect(bytes.readUInt16BE(lame + 34)).toBe(crc16(bytes.subarray(start, lame + 34)));
  });

  it('has no sample jump at a join larger than a one-pass encode of the same PCM has there', async () => {
    const reference = path.join(dir, 'one-pass.mp3');
    await encodeOnePass(built, reference);
    const [ours, theirs] = [await decodeSamples(episode), await decodeSamples(reference)];
    expect(ours.length).toBe(theirs.length);
    for (const start of built.starts.slice(1)) {
      // From where the next segment's frames begin (its encoder delay) to past its first frame.
      const from = start - SEGMENT_LEAD - 1152;
      const to = start + 1152;
      expect(largestJump(ours, from, to)).toBeLessThanOrEqual(largestJump(theirs, from, to) + 8);
    }
  });

  it('puts silence where the layout puts the pauses, within 50 ms', async () => {
    const gaps = built.starts.slice(1).map((start, i) => ({ start: built.starts[i]! / RATE + built.voiceSeconds[i]!, end: start / RATE }));
    const long = gaps.filter((gap) => gap.end - gap.start >= 0.3);
    const silences = await detectSilences(episode, -50, 0.3);
    expect(silences).toHaveLength(long.length);
    long.forEach((gap, i) => {
      expect(Math.abs(silences[i]!.start - gap.start)).toBeLessThan(0.05);
      expect(Math.abs(silences[i]!.end - gap.end)).toBeLessThan(0.05);
    });
  });

  it('meets the loudness target and true peak, and every segment is within 1.5 LU of the episode', async () => {
    const measured = await measureLoudness(episode);
    expect(Math.abs(measured.integrated - audio.loudness)).toBeLessThanOrEqual(0.5);
    expect(measured.truePeak).toBeLessThanOrEqual(audio.truePeak);
    for (const [i, start] of built.starts.entries()) {
      const loudness = await measureRangeLoudness(episode, start / RATE, start / RATE + built.voiceSeconds[i]!);
      expect(Math.abs(loudness - measured.integrated)).toBeLessThanOrEqual(1.5);
    }
  });

  it('joins a story from the same segments, cut to its end, sample for sample as in the episode', async () => {
    const story = path.join(dir, 'a2.mp3');
    const length = built.starts[3]! - built.starts[1]! + Math.round(built.voiceSeconds[3]! * RATE);
    const result = await joinSegments({
      pieces: pieces(built, 1, 4),
      sampleRate: RATE,
      lengthSamples: length,
      tag: renderId3({ title: 'Story two', album: 'Show', artist: 'Desk', date: '2026-11-25' }),
      encoder: 'LAME3.100',
      outFile: story,
    });
    expect(result.samples).toBe(length);
    const [whole, part] = [await decodeSamples(episode), await decodeSamples(story)];
    expect(part.length).toBe(length);
    let difference = 0;
    for (let i = 0; i < part.length; i++) difference = Math.max(difference, Math.abs(part[i]! - whole[built.starts[1]! + i]!));
    expect(difference).toBeLessThanOrEqual(2);
    expect((await probe(story)).tags.title).toBe('Story two');
  });
});
