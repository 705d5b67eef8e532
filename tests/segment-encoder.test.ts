import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processClip } from '../src/audio/clip.js';
import { layoutSegment, type SegmentSpec } from '../src/audio/segment.js';
import { parseConfig } from './helpers/config.js';
import { SegmentCache, segmentKey } from '../src/pipeline/segment-cache.js';
import { SegmentEncoder } from '../src/pipeline/segment-encoder.js';
import { speechLikeWav } from './helpers/audio.js';

const audio = parseConfig({}).audio;

let dir: string;
let specs: SegmentSpec[];
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ae-segment-encoder-'));
  specs = [];
  for (let i = 0; i < 4; i++) {
    const clip = processClip(speechLikeWav({ seconds: 1 + i * 0.3, levelDb: -12, padding: 0.1, seed: i }));
    const file = path.join(dir, `clip${i}.pcm`);
    await writeFile(file, Buffer.from(clip.samples.buffer));
    specs.push({
      parts: [{ audio: { file }, sampleCount: clip.samples.length, pauseAfter: 0.7 }],
      sampleRate: clip.sampleRate,
      voiceSubBlocks: clip.subBlocks,
    });
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function requests() {
  return specs.map((spec, i) => ({
    key: segmentKey(
      spec,
      [{ clip: `clip${i}`, sampleCount: spec.parts[0]!.sampleCount, peak: 0.5, subBlocks: spec.voiceSubBlocks }],
      audio,
      'ffmpeg',
    ),
    spec,
    layout: layoutSegment(spec, audio.sampleRate),
  }));
}

describe('SegmentEncoder', () => {
  it('waits for a batch while synthesis runs, encodes what waits on finish, and finds it in the cache next time', async () => {
    const cache = new SegmentCache(path.join(dir, 'cache'));
    const encoder = new SegmentEncoder(cache, audio, { concurrency: 2, force: false, staging: path.join(dir, 'staging') });
    const pending = requests().map((request) => encoder.segment(request));
    // Four seconds of audio are far from a batch: nothing runs until synthesis is over.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(encoder.counts).toEqual({ encoded: 0, cached: 0 });
    encoder.finish();
    const first = await Promise.all(pending);
    expect(encoder.counts).toEqual({ encoded: 4, cached: 0 });
    for (const segment of first) expect((await readFile(segment.file)).length).toBe(segment.bytes);

    const again = new SegmentEncoder(cache, audio, { concurrency: 2, force: false, staging: path.join(dir, 'staging') });
    const second = await Promise.all(requests().map((request) => again.segment(request)));
    again.finish();
    expect(again.counts).toEqual({ encoded: 0, cached: 4 });
    expect(second.map((segment) => segment.crc)).toEqual(first.map((segment) => segment.crc));
  });

  it('encodes a repeated key once, and encodes again with force', async () => {
    const cache = new SegmentCache(path.join(dir, 'cache-force'));
    const [request] = requests();
    const encoder = new SegmentEncoder(cache, audio, { concurrency: 1, force: true, staging: path.join(dir, 'staging') });
    const both = [encoder.segment(request!), encoder.segment(request!)];
    encoder.finish();
    const [a, b] = await Promise.all(both);
    expect(a).toBe(b);
    expect(encoder.counts).toEqual({ encoded: 1, cached: 0 });
    // Only the frames and their record are left in the cache: no temporary files.
    const folder = path.dirname(a!.file);
    expect((await readdir(folder)).sort()).toEqual([`${request!.key}.json`, `${request!.key}.mp3`]);
  });

  it('treats an entry whose frames were cut short as missing', async () => {
    const cache = new SegmentCache(path.join(dir, 'cache'));
    const [request] = requests();
    const found = await cache.get(request!.key);
    expect(found).toBeDefined();
    await writeFile(found!.file, (await readFile(found!.file)).subarray(0, 100));
    expect(await cache.get(request!.key)).toBeUndefined();
  });
});
