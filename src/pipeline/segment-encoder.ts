import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { encodeSegments, type EncodeSettings } from '../audio/encode-segment.js';
import type { SegmentLayout, SegmentSpec } from '../audio/segment.js';
import { profileStage } from '../profile.js';
import { commitFile, stagingPath } from '../publish/atomic.js';
import type { CachedSegment, SegmentCache } from './segment-cache.js';

/**
 * Encodes segments while the clips are still being synthesized. Segments that are ready wait
 * until a batch of audio has gathered, then go to one ffmpeg process together (its start-up
 * costs as much as encoding a dozen seconds of audio). While synthesis runs one process at a
 * time is enough (encoding takes a fraction of synthesis's CPU) and keeps memory down; when it
 * is done, what waits is spread over every core. Equal keys are encoded once.
 *
 * An aborted signal starts nothing more: segments waiting are rejected with its reason, the
 * ffmpeg processes running are killed, and their temporary files removed (`idle` says when).
 */

export interface SegmentRequest {
  key: string;
  spec: SegmentSpec;
  layout: SegmentLayout;
}

interface Waiting extends SegmentRequest {
  resolve: (segment: CachedSegment) => void;
  reject: (error: unknown) => void;
}

/** Inputs per process at most: each holds a LAME encoder and its buffers. */
const MAX_BATCH = 16;

export class SegmentEncoder {
  /** Segments encoded by this encoder, and segments found in the cache. */
  readonly counts = { encoded: 0, cached: 0 };
  private readonly waiting: Waiting[] = [];
  private readonly known = new Map<string, Promise<CachedSegment>>();
  private running = 0;
  private readonly batches = new Set<Promise<void>>();
  private finishing = false;
  private busyMs = 0;

  constructor(
    private readonly cache: SegmentCache,
    readonly settings: EncodeSettings,
    private readonly options: {
      concurrency: number;
      force: boolean;
      /** Audio (seconds) that is worth one ffmpeg process while synthesis runs. */
      batchSeconds?: number;
      /**
       * Where ffmpeg writes before a segment is moved into the cache: the render's staging folder,
       * which every render clears of the files of processes that are gone (a killed build's too).
       */
      staging: string;
      signal?: AbortSignal;
    },
  ) {}

  /** The segment for a request: from the cache, or encoded in a coming batch. */
  segment(request: SegmentRequest): Promise<CachedSegment> {
    let known = this.known.get(request.key);
    if (!known) {
      known = this.lookUp(request);
      this.known.set(request.key, known);
    }
    return known;
  }

  /** No more requests: encode what waits now, on every slot. */
  finish(): void {
    this.finishing = true;
    this.pump();
  }

  /** Resolves when no batch runs any more: every process has exited and its temporary files are gone. */
  async idle(): Promise<void> {
    while (this.batches.size > 0) await Promise.allSettled([...this.batches]);
  }

  /** Milliseconds ffmpeg processes ran, summed, for the profile. */
  get encodeMs(): number {
    return this.busyMs;
  }

  private async lookUp(request: SegmentRequest): Promise<CachedSegment> {
    const cached = this.options.force ? undefined : await this.cache.get(request.key);
    if (cached) {
      this.counts.cached++;
      return cached;
    }
    this.options.signal?.throwIfAborted();
    return new Promise<CachedSegment>((resolve, reject) => {
      this.waiting.push({ ...request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    const signal = this.options.signal;
    if (signal?.aborted) {
      for (const item of this.waiting.splice(0)) item.reject(signal.reason);
      return;
    }
    const batchSeconds = this.options.batchSeconds ?? 60;
    const seconds = (items: Waiting[]) => items.reduce((sum, item) => sum + item.layout.samples / item.layout.sampleRate, 0);
    if (this.finishing) {
      // Synthesis is over: what waits is cut into one batch per free core, so no core idles
      // while the last segments encode, and no more processes run than there are cores.
      const free = this.options.concurrency - this.running;
      if (free <= 0 || this.waiting.length === 0) return;
      const share = seconds(this.waiting) / free;
      for (let slot = 0; slot < free && this.waiting.length > 0; slot++)
        this.start(this.takeBatch(slot === free - 1 ? Number.POSITIVE_INFINITY : share));
      return;
    }
    while (this.running === 0 && (seconds(this.waiting) >= batchSeconds || this.waiting.length >= MAX_BATCH)) {
      this.start(this.takeBatch(batchSeconds));
    }
  }

  private takeBatch(seconds: number): Waiting[] {
    const batch: Waiting[] = [];
    let taken = 0;
    while (this.waiting.length > 0 && batch.length < MAX_BATCH && (batch.length === 0 || taken < seconds)) {
      const item = this.waiting.shift()!;
      taken += item.layout.samples / item.layout.sampleRate;
      batch.push(item);
    }
    return batch;
  }

  private start(batch: Waiting[]): void {
    this.running++;
    const run = this.run(batch).finally(() => {
      this.running--;
      this.batches.delete(run);
      this.pump();
    });
    this.batches.add(run);
  }

  private async run(batch: Waiting[]): Promise<void> {
    const started = performance.now();
    const done = profileStage('encode-segments');
    const temporary = batch.map((item) => stagingPath(this.options.staging, path.basename(this.cache.fileFor(item.key))));
    try {
      await Promise.all(temporary.map((file) => mkdir(path.dirname(file), { recursive: true })));
      const encoded = await encodeSegments(
        batch.map((item, i) => ({ spec: item.spec, layout: item.layout, outFile: temporary[i]! })),
        this.settings,
        this.options.signal,
      );
      for (const [i, item] of batch.entries()) {
        await commitFile(temporary[i]!, this.cache.fileFor(item.key));
        item.resolve(await this.cache.put(item.key, encoded[i]!, item.layout));
        this.counts.encoded++;
      }
    } catch (error) {
      for (const item of batch) item.reject(error);
      await Promise.all(temporary.map((file) => rm(file, { force: true })));
    } finally {
      this.busyMs += performance.now() - started;
      done();
    }
  }
}
