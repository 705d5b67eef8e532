import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PreparedRequest, WordTiming } from '../engines/types.js';
import type { ProcessedClip } from '../audio/clip.js';

/**
 * The clip cache: content-addressed by the canonical prepared request (engine, engine
 * version, voice, settings, exact text or SSML sent). Nothing else decides reuse.
 * Each clip is stored as raw mono PCM plus a small JSON of what the stitcher needs, so a
 * rebuild never decodes or re-measures audio. The JSON holds the clip's word timings too:
 * an entry written before timings were kept has none, and is treated as missing, so the clip
 * is synthesized again (and the entry rewritten) rather than published with guessed times.
 */

/** Bump when the processing of engine output (trim, fades, measurements) changes. */
const CLIP_FORMAT = 1;

export interface CachedClip {
  key: string;
  pcmFile: string;
  sampleRate: number;
  sampleCount: number;
  subBlocks: number[];
  peak: number;
  /** When each word is spoken, in seconds of this clip (after trimming). */
  words: WordTiming[];
  wordTiming: 'engine' | 'estimate';
}

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

  private async readLocal(key: string): Promise<CachedClip | undefined> {
    const files = this.paths(key);
    try {
      const meta = JSON.parse(await readFile(files.meta, 'utf8')) as Omit<CachedClip, 'key' | 'pcmFile'>;
      if (!Array.isArray(meta.words)) return undefined;
      return { key, pcmFile: files.pcm, ...meta };
    } catch {
      return undefined;
    }
  }

  /** Stores a clip; the JSON is written last, so a half-written entry is never read as whole. */
  async put(key: string, clip: ProcessedClip, request: PreparedRequest, timings: ClipTimings): Promise<CachedClip> {
    const files = this.paths(key);
    await mkdir(files.folder, { recursive: true });
    const meta = {
      sampleRate: clip.sampleRate,
      sampleCount: clip.samples.length,
      subBlocks: clip.subBlocks,
      peak: clip.peak,
      words: timings.words,
      wordTiming: timings.wordTiming,
    };
    await writeThenRename(files.pcm, Buffer.from(clip.samples.buffer, clip.samples.byteOffset, clip.samples.byteLength));
    await writeThenRename(files.meta, JSON.stringify({ ...meta, request }));
    await this.backend?.store(this.names(key), this.dir);
    return { key, pcmFile: files.pcm, ...meta };
  }
}

async function writeThenRename(file: string, data: string | Buffer): Promise<void> {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
