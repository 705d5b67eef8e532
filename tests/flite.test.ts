import { afterAll, describe, expect, it } from 'vitest';
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
});
