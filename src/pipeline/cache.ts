import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CachedClip, ProcessedClip } from '../audio/clip.js';
import type { PreparedRequest } from '../engines/types.js';
import { toDiskError } from '../errors.js';
import { writeFileAtomic } from '../publish/atomic.js';
import type { WordTiming } from '../text/words.js';

/**
 * The clip cache: content-addressed by the canonical prepared request (engine, engine
 * version, voice, settings, exact text or SSML sent). Nothing else decides reuse.
 * Each clip is stored as raw mono PCM plus a small JSON of what the stitcher needs, so a
 * rebuild never decodes or re-measures audio. The JSON holds the clip's word timings too:
 * an entry written before timings were kept has none, and is treated as missing, so the clip
 * is synthesized again (and the entry rewritten) rather than published with guessed times.
 * The JSON also holds the PCM's SHA-256: a clip cut short on disk is not found, and one altered
 * in place is caught where its PCM is read for encoding; either way it is synthesized again
 * rather than stitched in.
 */

/** Bump when the processing of engine output (trim, fades, measurements) changes. */
const CLIP_FORMAT = 1;

/** What a clip brings besides its audio. */
export interface ClipTimings {
  words: WordTiming[];
  wordTiming: 'engine' | 'estimate';
}

/** Canonical JSON: object keys sorted, so equal requests always hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function clipKey(request: PreparedRequest): string {
  const { billedCharacters: _billed, ...shaping } = request;
  return createHash('sha256')
    .update(canonicalJson({ format: CLIP_FORMAT, ...shaping }))
    .digest('hex');
}

/**
 * Where entries live beyond this machine's folder: a shared store (an s3:// cache) that a fresh
 * runner fills its folder from. Files are named relative to the cache folder.
 */
export interface CacheBackend {
  /** Copies the files into the local folder; false when the backend does not have them all. */
  fetch(files: string[], localDir: string): Promise<boolean>;
  /** Stores files already written in the local folder, in order: the last one completes the entry. */
  store(files: string[], localDir: string): Promise<void>;
  close(): void;
}

export class ClipCache {
  /** `dir` is always a local folder; `backend`, when given, is read on a miss and written on put. */
  constructor(
    readonly dir: string,
    private readonly backend?: CacheBackend,
  ) {}

  /** The entry's files relative to `dir`, the metadata last (it marks the entry complete). */
  private names(key: string): string[] {
    return [`clips/${key.slice(0, 2)}/${key}.pcm`, `clips/${key.slice(0, 2)}/${key}.json`];
  }

  close(): void {
    this.backend?.close();
  }

  private paths(key: string) {
    const folder = path.join(this.dir, 'clips', key.slice(0, 2));
    return { folder, pcm: path.join(folder, `${key}.pcm`), meta: path.join(folder, `${key}.json`) };
  }

  async get(key: string): Promise<CachedClip | undefined> {
    const local = await this.readLocal(key);
    if (local || !this.backend) return local;
    return (await this.backend.fetch(this.names(key), this.dir)) ? this.readLocal(key) : undefined;
  }

  /**
   * The entry in the local folder, or undefined when there is none, it has no checksum or its PCM
   * is not there at its full length. The PCM's bytes are checked against the checksum where they
   * are read (see audio/verified.ts): a rebuild that reuses a clip's segment never reads it.
   */
  private async readLocal(key: string): Promise<CachedClip | undefined> {
    const files = this.paths(key);
    try {
      const { request: _request, ...meta } = JSON.parse(await readFile(files.meta, 'utf8')) as Omit<CachedClip, 'key' | 'pcmFile'> & {
        request?: unknown;
      };
      if (!Array.isArray(meta.words) || typeof meta.sha256 !== 'string') return undefined;
      if ((await stat(files.pcm)).size !== meta.sampleCount * 2) return undefined;
      return { key, pcmFile: files.pcm, ...meta };
    } catch {
      return undefined;
    }
  }

  /** Stores a clip; the JSON is written last, so a half-written entry is never read as whole. */
  async put(key: string, clip: ProcessedClip, request: PreparedRequest, timings: ClipTimings): Promise<CachedClip> {
    const files = this.paths(key);
    const pcm = Buffer.from(clip.samples.buffer, clip.samples.byteOffset, clip.samples.byteLength);
    const meta = {
      sampleRate: clip.sampleRate,
      sampleCount: clip.samples.length,
      subBlocks: clip.subBlocks,
      peak: clip.peak,
      words: timings.words,
      wordTiming: timings.wordTiming,
    };
    const sha256 = createHash('sha256').update(pcm).digest('hex');
    try {
      await writeFileAtomic(files.pcm, pcm);
      await writeFileAtomic(files.meta, JSON.stringify({ ...meta, sha256, request }));
    } catch (error) {
      throw toDiskError(error, { file: this.dir, bytes: pcm.byteLength }) ?? error;
    }
    await this.backend?.store(this.names(key), this.dir);
    return { key, pcmFile: files.pcm, ...meta, sha256 };
  }
}
