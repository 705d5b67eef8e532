import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processClip } from '../src/audio/clip.js';
import { readVerified } from '../src/audio/verified.js';
import { DamagedCacheError } from '../src/errors.js';
import { ClipCache, canonicalJson, clipKey } from '../src/pipeline/cache.js';
import type { PreparedRequest } from '../src/engines/types.js';
import { speechLikeWav } from './helpers/audio.js';

const base: PreparedRequest = {
  engine: 'flite',
  engineVersion: '0.1.1+1',
  voice: 'slt',
  settings: { rate: 1 },
  inputs: [{ text: 'Hello.' }],
  billedCharacters: 6,
};

describe('clip cache key', () => {
  it('is the same for the same request, whatever the key order', () => {
    const reordered = {
      inputs: [{ text: 'Hello.' }],
      voice: 'slt',
      settings: { rate: 1 },
      engineVersion: '0.1.1+1',
      engine: 'flite',
      billedCharacters: 6,
    } as PreparedRequest;
    expect(clipKey(reordered)).toBe(clipKey(base));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });

  it.each([
    ['engine', { engine: 'google' }],
    ['engine version', { engineVersion: '0.1.2+1' }],
    ['voice', { voice: 'rms' }],
    ['settings', { settings: { rate: 1.1 } }],
    ['text sent', { inputs: [{ text: 'Hello!' }] }],
    ['SSML instead of text', { inputs: [{ ssml: '<speak>Hello.</speak>' }] }],
  ])('changes with the %s', (_, change) => {
    expect(clipKey({ ...base, ...change } as PreparedRequest)).not.toBe(clipKey(base));
  });

  it('ignores billing figures, which do not shape audio', () => {
    expect(clipKey({ ...base, billedCharacters: 99 })).toBe(clipKey(base));
  });
});

describe('ClipCache', () => {
  it('stores a clip and finds it again, leaving no temporary files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-cache-'));
    try {
      const cache = new ClipCache(dir);
      const key = clipKey(base);
      expect(await cache.get(key)).toBeUndefined();
      const clip = processClip(speechLikeWav({ seconds: 1, levelDb: -10 }));
      const words = [{ word: 'Hello.', start: 0.05, end: 0.62 }];
      await cache.put(key, clip, base, { words, wordTiming: 'engine' });
      const found = await cache.get(key);
      expect(found?.sampleCount).toBe(clip.samples.length);
      expect(found?.subBlocks.length).toBe(clip.subBlocks.length);
      expect(found?.words).toEqual(words);
      expect(found?.wordTiming).toBe('engine');
      const files = await readdir(path.join(dir, 'clips', key.slice(0, 2)));
      expect(files.sort()).toEqual([`${key}.json`, `${key}.pcm`]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('treats an entry written without word timings as missing', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-cache-'));
    try {
      const cache = new ClipCache(dir);
      const key = clipKey(base);
      const clip = processClip(speechLikeWav({ seconds: 1, levelDb: -10 }));
      await cache.put(key, clip, base, { words: [], wordTiming: 'estimate' });
      const meta = path.join(dir, 'clips', key.slice(0, 2), `${key}.json`);
      const { words: _words, wordTiming: _timing, ...old } = JSON.parse(await readFile(meta, 'utf8'));
      await writeFile(meta, JSON.stringify(old));
      expect(await cache.get(key)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('changes key with the written text, whose words the timings are of', () => {
    expect(clipKey({ ...base, text: '$3' })).not.toBe(clipKey({ ...base, text: 'three dollars' }));
  });

  it('does not find a clip whose PCM was cut short, nor an entry without a checksum; an altered PCM fails where it is read', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-cache-'));
    try {
      const cache = new ClipCache(dir);
      const key = clipKey(base);
      const clip = processClip(speechLikeWav({ seconds: 1, levelDb: -10 }));
      const stored = await cache.put(key, clip, base, { words: [], wordTiming: 'estimate' });
      const pcm = await readFile(stored.pcmFile);
      await writeFile(stored.pcmFile, pcm.subarray(0, pcm.length - 2));
      expect(await cache.get(key)).toBeUndefined();
      const altered = Buffer.from(pcm);
      altered[100] = (altered[100]! + 1) % 256;
      await writeFile(stored.pcmFile, altered);
      const found = await cache.get(key);
      expect(found?.sha256).toBe(stored.sha256);
      await expect(readVerified(found!.pcmFile, found!.sha256)).rejects.toEqual(new DamagedCacheError([stored.pcmFile]));
      await writeFile(stored.pcmFile, pcm);
      expect((await cache.get(key))?.sampleCount).toBe(clip.samples.length);
      expect((await readVerified(stored.pcmFile, stored.sha256)).equals(pcm)).toBe(true);
      const metaFile = stored.pcmFile.replace(/\.pcm$/, '.json');
      const { sha256: _sha256, ...withoutChecksum } = JSON.parse(await readFile(metaFile, 'utf8'));
      await writeFile(metaFile, JSON.stringify(withoutChecksum));
      expect(await cache.get(key)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
