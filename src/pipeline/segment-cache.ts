import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EncodedSegment, EncodeSettings } from '../audio/encode-segment.js';
import { toolPaths } from '../audio/ffmpeg.js';
import type { SegmentLayout, SegmentSpec } from '../audio/segment.js';
import { writeFileAtomic } from '../publish/atomic.js';
import { canonicalJson } from './cache.js';

/**
 * The segment cache: encoded MP3 frames of one segment, keyed by everything that shapes their
 * bytes — each part's clip (by its cache key and its measurements), the pauses, the encode
 * settings and the ffmpeg binary that encodes. Stored as the bare frames plus a JSON of what
 * the joiner needs; the JSON is written last, so an entry without it does not exist. The JSON
 * holds the frames' SHA-256: frames cut short on disk make the entry a miss, and frames altered
 * in place are caught as they are joined (audio/join.ts); either way the segment is encoded again
 * rather than joined into an episode. (An entry written before the checksum was kept has none,
 * and is encoded again once, in place.)
 */

/** Bump when the way segments are cut, normalized or encoded changes. */
const SEGMENT_FORMAT = 2;

export interface CachedSegment extends EncodedSegment {
  key: string;
  file: string;
  layout: SegmentLayout;
}

/** What a part is made of, as the key sees it: a cached clip by key and measurements, or samples by hash. */
export type PartIdentity = { clip: string; sampleCount: number; peak: number; subBlocks: number[] } | { samples: Int16Array };

export function segmentKey(spec: SegmentSpec, identities: PartIdentity[], settings: EncodeSettings, encoder: string): string {
  const parts = spec.parts.map((part, i) => {
    const identity = identities[i]!;
    const audio = 'clip' in identity ? identity : { samples: hashSamples(identity.samples) };
    return { audio, sampleCount: part.sampleCount, pauseAfter: part.pauseAfter };
  });
  const { loudness, truePeak, bitrateKbps, sampleRate, channels } = settings;
  return createHash('sha256')
    .update(
      canonicalJson({
        format: SEGMENT_FORMAT,
        parts,
        sourceRate: spec.sampleRate,
        voice: hashNumbers(spec.voiceSubBlocks),
        settings: { loudness, truePeak, bitrateKbps, sampleRate, channels },
        encoder,
      }),
    )
    .digest('hex');
}

/** The ffmpeg that encodes, by path, size and modification time: another build makes other bytes. */
export async function encoderIdentity(): Promise<string> {
  const binary = toolPaths().ffmpeg;
  const info = await stat(binary).catch(() => undefined);
  return info ? `${binary}:${info.size}:${Math.round(info.mtimeMs)}` : binary;
}

function hashSamples(samples: Int16Array): string {
  return createHash('sha256')
    .update(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength))
    .digest('hex');
}

function hashNumbers(values: number[]): string {
  return createHash('sha256').update(values.join(',')).digest('hex');
}

export class SegmentCache {
  constructor(readonly dir: string) {}

  /** Where a segment's frames live (the encoder writes beside it first). */
  fileFor(key: string): string {
    return path.join(this.dir, 'segments', key.slice(0, 2), `${key}.mp3`);
  }

  private metaFor(key: string): string {
    return path.join(this.dir, 'segments', key.slice(0, 2), `${key}.json`);
  }

  /**
   * The entry, when its JSON is whole and its frames are there at their full length. Their bytes
   * are checked against the entry's SHA-256 where they are joined, not here: a rebuild that
   * keeps its MP3s reads no segment at all.
   */
  async get(key: string): Promise<CachedSegment | undefined> {
    const file = this.fileFor(key);
    try {
      const meta = JSON.parse(await readFile(this.metaFor(key), 'utf8')) as Omit<CachedSegment, 'key' | 'file'>;
      // An entry from before checksums were kept, or frames that went missing or were cut short, is a miss.
      if (typeof meta.sha256 !== 'string' || (await stat(file)).size !== meta.bytes) return undefined;
      return { key, file, ...meta };
    } catch {
      return undefined;
    }
  }

  /** Records a segment whose frames are already at `fileFor(key)`; `encoded` holds their checksum. */
  async put(key: string, encoded: EncodedSegment, layout: SegmentLayout): Promise<CachedSegment> {
    const meta = { ...encoded, layout };
    await writeFileAtomic(this.metaFor(key), JSON.stringify(meta));
    return { key, file: this.fileFor(key), ...meta };
  }
}
