import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { initialMemoryImage } from '../src/engines/flite/memory-image.js';
import { FlitePool, fliteWasmPath } from '../src/engines/flite/pool.js';
import { readFile } from 'node:fs/promises';
import { parseConfig } from './helpers/config.js';
import { createFliteEngine } from '../src/engines/flite/engine.js';
import { parseWav } from '../src/audio/wav.js';
import { AudioEditionError } from '../src/errors.js';

const engine = createFliteEngine({ config: parseConfig({}), configDir: process.cwd(), concurrency: 2 });
afterAll(() => engine.close());

function request(text: string, voice = 'slt') {
  return engine.prepare({ text, voice, language: 'en-US', lexicon: [] });
}

describe('flite engine', () => {
  it('lists its four voices and filters by language', async () => {
    expect((await engine.voices()).map((v) => v.name)).toEqual(['slt', 'rms', 'awb', 'kal16']);
    expect((await engine.voices({ language: 'en-GB' })).map((v) => v.name)).toEqual(['awb']);
  });

  it('rejects an unknown voice with exit code 2', async () => {
    const error = await engine.checkVoice('nobody').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AudioEditionError);
    expect((error as AudioEditionError).exitCode).toBe(2);
    expect((error as AudioEditionError).message).toContain('nobody');
  });

  it.each(['slt', 'rms', 'awb', 'kal16'])('synthesizes speech with %s', async (voice) => {
    const clip = await engine.synthesize(request('The minister spoke on Tuesday.', voice));
    const pcm = parseWav(clip.wav);
    expect(pcm.sampleRate).toBe(16000);
    expect(pcm.channels).toBe(1);
    const seconds = pcm.samples.length / pcm.sampleRate;
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(4);
    let peak = 0;
    for (const s of pcm.samples) peak = Math.max(peak, Math.abs(s));
    expect(peak).toBeGreaterThan(1000);
  });

  it('puts the lexicon respelling into what it sends, and that changes the request', () => {
    const plain = engine.prepare({ text: 'Viasna said so.', voice: 'slt', language: 'en-US', lexicon: [] });
    const fixed = engine.prepare({
      text: 'Viasna said so.',
      voice: 'slt',
      language: 'en-US',
      lexicon: [{ word: 'Viasna', say: 'vee ahs nah' }],
    });
    expect(JSON.stringify(fixed.inputs)).toContain('vee ahs nah');
    expect(fixed.inputs).not.toEqual(plain.inputs);
  });

  it('survives a hundred paragraphs in one run', async () => {
    const texts = Array.from(
      { length: 100 },
      (_, i) => `Paragraph ${i + 1}: the council met again today and agreed on item number ${i * 7}.`,
    );
    const clips = await Promise.all(texts.map((text) => engine.synthesize(request(text))));
    expect(clips).toHaveLength(100);
    for (const clip of clips) expect(parseWav(clip.wav).samples.length).toBeGreaterThan(16000);
  });

  it('reads each clip from a reused instance exactly as a new instance would', async () => {
    // One worker, so every run after the first starts from the memory the last one left.
    const reused = new FlitePool({ size: 1 });
    const texts = ['The minister spoke on Tuesday.', 'Rain is expected across the north by the weekend.', 'The minister spoke on Tuesday.'];
    const voices = ['slt', 'kal16', 'slt'];
    try {
      const runs = [];
      for (const [i, text] of texts.entries())
        runs.push(await reused.synthesize({ voice: voices[i]!, text, words: text.split(' '), phoneVoice: 'kal16' }));
      expect(runs[2]!.wav.equals(runs[0]!.wav)).toBe(true);
      expect(runs[2]!.segments).toBe(runs[0]!.segments);
      expect(runs[2]!.phones).toBe(runs[0]!.phones);
      // And a worker that has run nothing else before it gives the same bytes.
      const fresh = new FlitePool({ size: 1 });
      try {
        const first = await fresh.synthesize({ voice: voices[1]!, text: texts[1]!, words: texts[1]!.split(' '), phoneVoice: 'kal16' });
        expect(first.wav.equals(runs[1]!.wav)).toBe(true);
        expect(first.segments).toBe(runs[1]!.segments);
      } finally {
        await fresh.close();
      }
    } finally {
      await reused.close();
    }
  });

  it('calls off a running job at once, removes its worker and its folder, and goes on with the next', async () => {
    // The engine above keeps its own workers' folders until the file ends.
    const folders = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`audio-edition-flite-${process.pid}-`));
    const others = folders();
    const pool = new FlitePool({ size: 1 });
    try {
      const controller = new AbortController();
      const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i + 1} of a paragraph that takes a while to read.`).join(' ');
      const running = pool.synthesize({ voice: 'slt', text: long }, controller.signal);
      const queued = pool.synthesize({ voice: 'slt', text: 'Called off while it waits.' }, controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      controller.abort(new Error('stop'));
      await expect(running).rejects.toThrow('stop');
      await expect(queued).rejects.toThrow('stop');
      expect(Date.now() - started).toBeLessThan(200);
      const after = await pool.synthesize({ voice: 'slt', text: 'The next one is read.' });
      expect(parseWav(after.wav).samples.length).toBeGreaterThan(8000);
    } finally {
      await pool.close();
    }
    expect(folders()).toEqual(others);
  });

  it('works out the memory a new instance starts with from the binary alone', async () => {
    const bytes = await readFile(fliteWasmPath());
    const image = initialMemoryImage(bytes);
    expect(image).toBeDefined();
    const module = await WebAssembly.compile(bytes);
    const stubs = Object.fromEntries(WebAssembly.Module.imports(module).map(({ name }) => [name, () => 0]));
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: stubs });
    const memory = new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer);
    expect(Buffer.from(new Uint8Array(image!)).equals(Buffer.from(memory))).toBe(true);
    // A binary whose shape it does not know gets no image (the workers then copy their own).
    const withStart = Buffer.concat([bytes.subarray(0, 8), Buffer.from([8, 1, 0])]);
    expect(initialMemoryImage(withStart)).toBeUndefined();
  });

  it('stops its workers once they are idle with nothing queued, and starts new ones for the next job', async () => {
    const pool = new FlitePool({ size: 2 });
    const threads = () => (pool as unknown as { lanes: unknown[] }).lanes.length;
    try {
      await Promise.all(['One clip.', 'Another clip.'].map((text) => pool.synthesize({ voice: 'kal16', text })));
      expect(threads()).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(threads()).toBe(0);
      const again = await pool.synthesize({ voice: 'kal16', text: 'And a third.' });
      expect(parseWav(again.wav).samples.length).toBeGreaterThan(8000);
    } finally {
      await pool.close();
    }
  });

  it('warms up on a short clip and keeps that worker for the first real job', async () => {
    const pool = new FlitePool({ size: 2 });
    const threads = () => (pool as unknown as { lanes: unknown[] }).lanes.length;
    try {
      pool.warmUp({ voice: 'slt', text: 'Ready.', words: ['Ready.'], phoneVoice: 'kal16' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // Idle for longer than workers are usually kept, but waiting for the job the plan promised.
      expect(threads()).toBe(1);
      const clip = await pool.synthesize({ voice: 'slt', text: 'The council met.' });
      expect(parseWav(clip.wav).samples.length).toBeGreaterThan(8000);
    } finally {
      await pool.close();
    }
  });
});
