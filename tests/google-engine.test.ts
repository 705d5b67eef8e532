import pLimit from 'p-limit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { parseWav } from '../src/audio/wav.js';
import { parseConfig } from './helpers/config.js';
import { createTextToSpeechClient } from '../src/engines/google/client.js';
import { readGoogleConfig } from '../src/engines/google/config.js';
import { createGoogleEngine, MAX_INPUT_BYTES } from '../src/engines/google/engine.js';
import { google } from '../src/engines/google/index.js';
import type { SpeechEngine } from '../src/engines/types.js';
import type { LexiconEntry } from '../src/text/lexicon.js';
import { EngineError } from '../src/errors.js';
import { processClip } from '../src/audio/clip.js';
import { timeClipWords } from '../src/pipeline/word-timings.js';
import { splitWords } from '../src/text/words.js';
import { localGoogleConfig, spokenText, startFakeGoogleServer, writtenText, type FakeGoogleServer } from './helpers/google-server.js';
import { sampleLines } from './helpers/editions.js';

const lexicon: LexiconEntry[] = [
  { word: 'Lukashenko', say: 'loo-kuh-SHENG-koh', ipa: 'lʊkəˈʃɛŋkoʊ' },
  { word: 'Viasna', say: 'VYAHS-nah' },
];
const paragraphs = sampleLines().slice(1);

let server: FakeGoogleServer;
let engine: SpeechEngine;

async function createEngine(google: Record<string, unknown> = {}) {
  const config = parseConfig(localGoogleConfig(server.port, google));
  return createGoogleEngine({ config, configDir: process.cwd() }, { quotaRetry: { initialDelayMs: 10 } });
}

function secondsOf(wav: Buffer): number {
  const pcm = parseWav(wav);
  expect(pcm.channels).toBe(1);
  return pcm.samples.length / pcm.sampleRate;
}

beforeAll(async () => {
  server = await startFakeGoogleServer();
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
  await server.close();
});
beforeEach(() => server.reset());

describe('voices', () => {
  test('lists voices through ListVoices, filtered by language', async () => {
    const british = await engine.voices({ language: 'en-GB' });
    expect(british).toEqual([{ name: 'en-GB-Neural2-B', languages: ['en-GB'], gender: 'male', sampleRate: 24000, family: 'Neural2' }]);
    const english = await engine.voices({ language: 'en' });
    expect(english.map((v) => v.name)).toContain('en-US-Chirp3-HD-Charon');
    expect(english.map((v) => v.name)).not.toContain('de-DE-Neural2-B');
    expect(server.calls.map((c) => c.request.languageCode)).toEqual(['en-GB', 'en']);
  });

  test('checks voices against one cached ListVoices, even when asked concurrently', async () => {
    const fresh = await createEngine();
    await Promise.all([
      fresh.checkVoice('en-US-Neural2-D'),
      fresh.checkVoice('en-US-Chirp3-HD-Charon'),
      fresh.checkVoice('en-US-Studio-O'),
    ]);
    await fresh.checkVoice('en-US-Wavenet-D');
    expect(server.calls.filter((c) => c.method === 'ListVoices')).toHaveLength(1);
    await fresh.close();
  });

  test('an unknown voice fails with one line and exit 2', async () => {
    const error = await engine.checkVoice('en-US-Neural9-Q').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    const engineError = error as EngineError;
    expect(engineError.exitCode).toBe(2);
    expect(engineError.message).toBe('unknown voice "en-US-Neural9-Q" for engine google.');
    expect(engineError.toLine()).toContain('audio-edition voices --engine google');
    expect(engineError.toLine()).not.toContain('\n');
  });
});

describe('what is sent', () => {
  test('an SSML voice gets escaped SSML with the lexicon as <phoneme> and <sub>, and a mark before each word', async () => {
    const text = 'Lukashenko & Viasna said <b>"no"</b> to AT&T.';
    const prepared = engine.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon });
    expect(prepared.inputs).toEqual([
      {
        ssml:
          '<speak><mark name="0"/><phoneme alphabet="ipa" ph="lʊkəˈʃɛŋkoʊ">Lukashenko</phoneme> <mark name="1"/>&amp; ' +
          '<mark name="2"/><sub alias="VYAHS-nah">Viasna</sub> <mark name="3"/>said <mark name="4"/>&lt;b&gt;&quot;no&quot;&lt;/b&gt; ' +
          '<mark name="5"/>to <mark name="6"/>AT&amp;T.</speak>',
      },
    ]);
    const clip = await engine.synthesize(prepared);
    const [sent] = server.synthesized();
    expect(sent!.input).toMatchObject({ ssml: (prepared.inputs[0] as { ssml: string }).ssml });
    expect(sent!.enableTimePointing).toEqual(['SSML_MARK']);
    expect(server.calls.at(-1)!.api).toBe('v1beta1');
    expect(sent!.voice).toMatchObject({ name: 'en-US-Neural2-D', languageCode: 'en-US' });
    expect(sent!.audioConfig).toMatchObject({
      audioEncoding: 'LINEAR16',
      sampleRateHertz: 24000,
      effectsProfileId: ['headphone-class-device'],
    });
    expect(XMLValidator.validate(sent!.input.ssml)).toBe(true);
    expect(secondsOf(clip.wav)).toBeCloseTo(server.calls.at(-1)!.seconds!, 2);
  });

  test('a Chirp 3 HD voice gets plain text with respellings and no markup', async () => {
    const text = 'Lukashenko met <Viasna> & friends.';
    const prepared = engine.prepare({ text, voice: 'en-US-Chirp3-HD-Charon', language: 'en-US', lexicon });
    expect(prepared.inputs).toEqual([{ text: 'loo-kuh-SHENG-koh met <VYAHS-nah> & friends.' }]);
    await engine.synthesize(prepared);
    const [sent] = server.synthesized();
    expect(sent!.input).toMatchObject({ text: 'loo-kuh-SHENG-koh met <VYAHS-nah> & friends.' });
    expect(sent!.input.ssml).toBeUndefined();
    expect(sent!.enableTimePointing).toBeUndefined();
    expect(server.calls.at(-1)!.api).toBe('v1');
  });

  test.each(['en-US-Chirp-HD-F', 'en-US-Journey-D'])('%s also gets plain text', (voice) => {
    const prepared = engine.prepare({ text: 'Hello.', voice, language: 'en-US', lexicon: [] });
    expect(prepared.inputs).toEqual([{ text: 'Hello.' }]);
  });

  test('the prepared request holds everything that shapes the audio', async () => {
    const request = { text: 'Hello there.', voice: 'en-US-Neural2-D', language: 'en-US', lexicon };
    const prepared = engine.prepare(request);
    expect(prepared).toMatchObject({
      engine: 'google',
      engineVersion: expect.stringMatching(/^texttospeech-v1beta1\+/),
      voice: 'en-US-Neural2-D',
      // The words the marks time are part of the request (and of the clip's cache key).
      text: 'Hello there.',
      billedCharacters: '<speak><mark name="0"/>Hello <mark name="1"/>there.</speak>'.length,
    });
    const plain = engine.prepare({ ...request, voice: 'en-US-Chirp3-HD-Charon' });
    expect(plain).toMatchObject({ engineVersion: expect.stringMatching(/^texttospeech-v1\+/), billedCharacters: 'Hello there.'.length });
    expect(plain.text).toBeUndefined();
    expect(prepared.settings).toEqual({
      languageCode: 'en-US',
      audioEncoding: 'LINEAR16',
      sampleRateHertz: 24000,
      speakingRate: 1,
      pitch: 0,
      volumeGainDb: 0,
      effectsProfile: ['headphone-class-device'],
    });
    expect(engine.prepare(request)).toEqual(prepared);
    const faster = await createEngine({ speakingRate: 1.25, effectsProfile: ['telephony-class-application'] });
    expect(faster.prepare(request).settings).toMatchObject({ speakingRate: 1.25, effectsProfile: ['telephony-class-application'] });
    await faster.close();
  });

  test('a pitch on a voice family that takes none is refused locally', async () => {
    const pitched = await createEngine({ pitch: 2 });
    expect(() => pitched.prepare({ text: 'Hi.', voice: 'en-US-Chirp3-HD-Charon', language: 'en-US', lexicon: [] })).toThrow(
      /take no pitch/,
    );
    await expect(pitched.checkVoice('en-US-Chirp3-HD-Charon')).rejects.toMatchObject({ exitCode: 2 });
    await pitched.close();
  });
});

describe('long paragraphs', () => {
  /** About 7,000 bytes: sentences with accents and curly quotes, so characters and bytes differ. */
  const longParagraph = Array.from(
    { length: 85 },
    (_, i) => `Sentence ${i + 1} says that Lukashenko’s café “amnesty” & the crackdown are news.`,
  ).join(' ');

  test.each([
    ['en-US-Neural2-D', 'ssml'],
    ['en-US-Chirp3-HD-Charon', 'text'],
  ])('a 7,000-byte paragraph for %s is split into requests of at most 5,000 bytes and joined', async (voice, kind) => {
    expect(Buffer.byteLength(longParagraph)).toBeGreaterThan(6500);
    const prepared = engine.prepare({ text: longParagraph, voice, language: 'en-US', lexicon });
    expect(prepared.inputs.length).toBeGreaterThanOrEqual(2);
    for (const input of prepared.inputs) {
      const sent = kind === 'ssml' ? (input as { ssml: string }).ssml : (input as { text: string }).text;
      expect(sent).toBeDefined();
      expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(MAX_INPUT_BYTES);
      // Cut between sentences, never inside one.
      expect(kind === 'ssml' ? spokenText(sent) : sent).toMatch(/\.$/);
    }
    const clip = await engine.synthesize(prepared);
    const calls = server.calls.filter((c) => c.method === 'SynthesizeSpeech');
    expect(calls.map((c) => c.status)).toEqual(prepared.inputs.map(() => 'OK'));
    const partSeconds = calls.reduce((sum, c) => sum + c.seconds!, 0);
    // Joined into one WAV; each seam's short crossfade overlaps the parts slightly.
    expect(secondsOf(clip.wav)).toBeGreaterThan(partSeconds - 0.01 * prepared.inputs.length);
    expect(secondsOf(clip.wav)).toBeLessThanOrEqual(partSeconds);
  });

  test('escaping and marks count: text under 5,000 bytes that grows past it as SSML is split, its marks numbered across parts', () => {
    const text = Array.from({ length: 100 }, () => 'Tom & Jerry & "friends" & <others> & more.').join(' ');
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_INPUT_BYTES);
    const prepared = engine.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: [] });
    expect(prepared.inputs.length).toBeGreaterThan(1);
    const ssml = prepared.inputs.map((input) => (input as { ssml: string }).ssml);
    for (const part of ssml) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(MAX_INPUT_BYTES);
    // Packed close to the limit: measuring with the widest mark name wastes little.
    for (const part of ssml.slice(0, -1)) expect(Buffer.byteLength(part)).toBeGreaterThan(MAX_INPUT_BYTES - 200);
    const names = ssml.flatMap((part) => [...part.matchAll(/<mark name="(\d+)"\/>/g)].map((m) => Number(m[1])));
    expect(names).toEqual(splitWords(text).map((_, i) => i));
    expect(ssml.map(writtenText).join(' ')).toBe(text);
  });

  test('one endless sentence is cut at clause boundaries', async () => {
    const sentence = `${Array.from({ length: 150 }, (_, i) => `clause number ${i} of a very long list`).join(', ')}.`;
    expect(Buffer.byteLength(sentence)).toBeGreaterThan(MAX_INPUT_BYTES);
    const prepared = engine.prepare({ text: sentence, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: [] });
    expect(prepared.inputs.length).toBeGreaterThanOrEqual(2);
    for (const input of prepared.inputs.slice(0, -1)) expect(spokenText((input as { ssml: string }).ssml)).toMatch(/list,$/);
    await engine.synthesize(prepared);
    expect(server.synthesized()).toHaveLength(prepared.inputs.length);
  });
});

describe('word timings', () => {
  const phrase: LexiconEntry[] = [{ word: 'Alexander Lukashenko', say: 'a-lek-SAN-der loo-kah-SHEN-koh', ipa: 'ɐlʲɪˈksandr lʊkəˈʃɛŋkoʊ' }];
  const text = 'President Alexander Lukashenko freed 2,090 prisoners on Tuesday – the opposition said it was “not enough”.';

  /** The timepoints of every successful SynthesizeSpeech call, by word index, with the call they came from. */
  function returnedTimepoints() {
    return server.calls
      .filter((c) => c.method === 'SynthesizeSpeech' && c.status === 'OK')
      .flatMap((call, part) => (call.timepoints ?? []).map((point) => ({ word: Number(point.markName), time: point.timeSeconds, part })));
  }

  test('an SSML voice: every word starts at the timepoint the service returned for its mark', async () => {
    const prepared = engine.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: phrase });
    const clip = await engine.synthesize(prepared);
    const [call] = server.calls;
    expect(call).toMatchObject({ api: 'v1beta1', status: 'OK' });
    expect(call!.request.enableTimePointing).toEqual(['SSML_MARK']);
    expect(clip.wordTiming).toBe('engine');
    const words = clip.words!;
    expect(words.map((w) => w.word)).toEqual(splitWords(text));
    const points = returnedTimepoints();
    // One mark per word, except inside the lexicon phrase, which is one <phoneme>.
    expect(points.map((p) => p.word)).toEqual(
      splitWords(text)
        .map((_, i) => i)
        .filter((i) => i !== 2),
    );
    for (const point of points) expect(words[point.word]!.start).toBeCloseTo(point.time, 6);
    // "Lukashenko" has no mark of its own: it falls between "Alexander" and "freed".
    expect(words[2]!.start).toBeGreaterThan(words[1]!.start);
    expect(words[2]!.start).toBeLessThan(words[3]!.start);
    // A word ends where the next starts; the last where the audio does.
    for (let i = 0; i + 1 < words.length; i++) expect(words[i]!.end).toBeCloseTo(words[i + 1]!.start, 9);
    expect(words.at(-1)!.end).toBeCloseTo(secondsOf(clip.wav), 6);
  });

  test('a paragraph split into requests: each part’s timepoints are moved by the audio before it, less the crossfade', async () => {
    const long = Array.from(
      { length: 85 },
      (_, i) => `Sentence ${i + 1} says that Lukashenko’s café “amnesty” & the crackdown are news.`,
    ).join(' ');
    const prepared = engine.prepare({ text: long, voice: 'en-US-Neural2-D', language: 'en-US', lexicon });
    expect(prepared.inputs.length).toBeGreaterThanOrEqual(2);
    const clip = await engine.synthesize(prepared);
    const calls = server.calls.filter((c) => c.method === 'SynthesizeSpeech');
    // Part k starts after the parts before it, each overlapping the next by the 8 ms crossfade.
    const overlap = Math.round(24000 * 0.008);
    const offsets = calls.map((_, k) =>
      calls.slice(0, k).reduce((sum, c) => sum + (parseWav(c.audio!).samples.length - overlap) / 24000, 0),
    );
    const words = clip.words!;
    expect(words).toHaveLength(splitWords(long).length);
    const points = returnedTimepoints();
    expect(points).toHaveLength(words.length);
    expect(new Set(points.map((p) => p.part)).size).toBe(prepared.inputs.length);
    for (const point of points) expect(words[point.word]!.start).toBeCloseTo(offsets[point.part]! + point.time, 6);
    expect(offsets.at(-1)).toBeGreaterThan(10);
  });

  test('a mark the service leaves out is placed between its neighbours', async () => {
    server.control.omitTimepoints = ['4'];
    const clip = await engine.synthesize(engine.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: [] }));
    const words = clip.words!;
    const byWord = new Map(returnedTimepoints().map((p) => [p.word, p.time]));
    expect(byWord.has(4)).toBe(false);
    expect(words[3]!.start).toBeCloseTo(byWord.get(3)!, 6);
    expect(words[5]!.start).toBeCloseTo(byWord.get(5)!, 6);
    expect(words[4]!.start).toBeGreaterThan(words[3]!.start);
    expect(words[4]!.start).toBeLessThan(words[5]!.start);
    expect(clip.wordTiming).toBe('engine');
  });

  test('no timepoints at all: no engine timings, so the clip gets an estimate marked as one', async () => {
    server.control.omitTimepoints = splitWords(text).map((_, i) => String(i));
    const clip = await engine.synthesize(engine.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: [] }));
    expect(clip.words).toBeUndefined();
    expect(timeClipWords(clip, processClip(clip.wav), text).wordTiming).toBe('estimate');
  });

  test('with engines.google.wordMarks off, an SSML voice is sent no marks, bills its text alone, and its words are estimated', async () => {
    const unmarked = await createEngine({ wordMarks: false });
    try {
      const prepared = unmarked.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: phrase });
      const marked = engine.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: phrase });
      const ssml = prepared.inputs.map((input) => ('ssml' in input ? input.ssml : '')).join('');
      expect(ssml).toContain('<phoneme');
      expect(ssml).not.toContain('<mark');
      expect(prepared.billedCharacters).toBeLessThan(marked.billedCharacters / 2);
      const clip = await unmarked.synthesize(prepared);
      expect(server.calls[0]).toMatchObject({ api: 'v1' });
      expect(clip.words).toBeUndefined();
      expect(timeClipWords(clip, processClip(clip.wav), text).wordTiming).toBe('estimate');
    } finally {
      await unmarked.close();
    }
  });

  test('a Chirp 3 HD voice takes no marks: its words are an even estimate over the speech, marked as such', async () => {
    const prepared = engine.prepare({ text, voice: 'en-US-Chirp3-HD-Charon', language: 'en-US', lexicon: phrase });
    const clip = await engine.synthesize(prepared);
    expect(server.calls[0]).toMatchObject({ api: 'v1' });
    expect(server.calls[0]!.request.enableTimePointing).toBeUndefined();
    expect(clip.words).toBeUndefined();
    expect(clip.wordTiming).toBeUndefined();
    // What the synthesis stage stores with the clip in the cache.
    const processed = processClip(clip.wav);
    const timed = timeClipWords(clip, processed, text);
    expect(timed.wordTiming).toBe('estimate');
    expect(timed.words.map((w) => w.word)).toEqual(splitWords(text));
    expect(timed.words[0]!.start).toBe(0);
    expect(timed.words.at(-1)!.end).toBeCloseTo(processed.samples.length / processed.sampleRate, 6);
    // Even: by length of word, so equally long words take equally long.
    const span = (w: { start: number; end: number }) => w.end - w.start;
    const [on, it] = [timed.words[6]!, timed.words[12]!];
    expect([on.word, it.word]).toEqual(['on', 'it']);
    expect(span(on)).toBeCloseTo(span(it), 9);
  });
});

describe('the local server', () => {
  test('refuses what the service refuses: timepointing without SSML, malformed marks, marks inside <sub>', async () => {
    const config = readGoogleConfig(parseConfig(localGoogleConfig(server.port)));
    const beta = createTextToSpeechClient(config, process.cwd(), 'v1beta1');
    const ask = (input: { text: string } | { ssml: string }) =>
      beta
        .synthesizeSpeech({
          input,
          voice: { languageCode: 'en-US', name: 'en-US-Neural2-D' },
          audioConfig: { audioEncoding: 'LINEAR16' },
          enableTimePointing: [1],
        })
        .then(
          ([response]) => response.timepoints,
          (error: { details?: string }) => error.details,
        );
    expect(await ask({ text: 'Hello there.' })).toMatch(/SSML input only/);
    expect(await ask({ ssml: '<speak><mark/>Hello.</speak>' })).toMatch(/non-empty name/);
    expect(await ask({ ssml: '<speak><sub alias="x">a<mark name="1"/>b</sub></speak>' })).toMatch(/text only/);
    expect(await ask({ ssml: '<speak><mark name="0"/>Hello <mark name="1"/>there.</speak>' })).toEqual([
      { markName: '0', timeSeconds: expect.closeTo(0, 1) },
      { markName: '1', timeSeconds: expect.closeTo(0.06, 1) },
    ]);
    await beta.close();
  });
});

describe('throughput', () => {
  test('one engine serves concurrent calls on one client, each getting its own audio', async () => {
    const slow = await startFakeGoogleServer({ latencyMs: 150 });
    const config = parseConfig(localGoogleConfig(slow.port));
    const shared = await createGoogleEngine({ config, configDir: process.cwd() });
    const texts = paragraphs.slice(0, 12);
    const started = performance.now();
    const clips = await Promise.all(
      texts.map((text) => shared.synthesize(shared.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: [] }))),
    );
    const elapsed = performance.now() - started;
    expect(slow.maxInFlight).toBeGreaterThanOrEqual(8);
    // Sequential would take 12 x 150 ms.
    expect(elapsed).toBeLessThan(1200);
    clips.forEach((clip, i) => expect(secondsOf(clip.wav)).toBeCloseTo((texts[i]!.length * 10) / 1000, 1));
    console.info(`12 paragraphs at 150 ms latency, all at once: ${Math.round(elapsed)} ms, ${slow.maxInFlight} in flight`);
    await shared.close();
    await slow.close();
  });

  test('100 paragraphs at 250 ms latency with concurrency 8 take about 100 / 8 x 250 ms', async () => {
    const slow = await startFakeGoogleServer({ latencyMs: 250 });
    const shared = await createGoogleEngine({ config: parseConfig(localGoogleConfig(slow.port)), configDir: process.cwd() });
    const limit = pLimit(8);
    const texts = Array.from({ length: 100 }, (_, i) => paragraphs[i % paragraphs.length]!);
    const started = performance.now();
    await Promise.all(
      texts.map((text) =>
        limit(() => shared.synthesize(shared.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: [] }))),
      ),
    );
    const elapsed = performance.now() - started;
    expect(slow.maxInFlight).toBe(8);
    expect(elapsed).toBeGreaterThanOrEqual(13 * 250);
    expect(elapsed).toBeLessThan(13 * 250 * 1.6);
    console.info(`100 paragraphs, 250 ms latency, concurrency 8: ${Math.round(elapsed)} ms (ideal ${13 * 250} ms)`);
    await shared.close();
    await slow.close();
  });
});

describe('cost', () => {
  test('estimates from the family price table, overridable in the config', () => {
    const context = (pricing: Record<string, number> = {}) => ({
      config: parseConfig(localGoogleConfig(server.port, { pricing })),
      configDir: process.cwd(),
    });
    const cost = (characters: number, voice: string, pricing?: Record<string, number>) =>
      google.estimateCostUsd(characters, voice, context(pricing));
    expect(cost(1_000_000, 'en-US-Neural2-D')).toBe(16);
    expect(cost(1_000_000, 'en-US-Chirp3-HD-Charon')).toBe(30);
    expect(cost(500_000, 'en-US-Studio-O')).toBe(80);
    expect(cost(2_480, 'en-US-Standard-C')).toBeCloseTo(0.00992, 8);
    const negotiated = { Neural2: 12, 'en-US-Studio-O': 100 };
    expect(cost(1_000_000, 'en-US-Neural2-D', negotiated)).toBe(12);
    expect(cost(1_000_000, 'en-US-Studio-O', negotiated)).toBe(100);
    expect(cost(1_000_000, 'en-US-Wavenet-D', negotiated)).toBe(4);
  });

  test('Neural2 bills bytes of the SSML sent, marks included; Chirp 3 HD bills characters of the text sent', () => {
    const text = 'Café “news”.';
    const neural = engine.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: [] });
    expect(neural.billedCharacters).toBe(Buffer.byteLength('<speak><mark name="0"/>Café <mark name="1"/>“news”.</speak>'));
    const chirp = engine.prepare({ text, voice: 'en-US-Chirp3-HD-Charon', language: 'en-US', lexicon: [] });
    expect(chirp.billedCharacters).toBe(text.length);
  });
});
