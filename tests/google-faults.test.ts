import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseWav } from '../src/audio/wav.js';
import { parseConfig } from './helpers/config.js';
import { createGoogleEngine, type GoogleEngineOptions } from '../src/engines/google/engine.js';
import type { SpeechEngine } from '../src/engines/types.js';
import { EngineError } from '../src/errors.js';
import { localGoogleConfig, spokenText, startFakeGoogleServer, startMetadataTrap, type FakeGoogleServer } from './helpers/google-server.js';
import { sampleLines } from './helpers/editions.js';

const paragraphs = sampleLines().slice(1);

let server: FakeGoogleServer;
const opened: SpeechEngine[] = [];

async function createEngine(google: Record<string, unknown> = {}, options: GoogleEngineOptions = { quotaRetry: { initialDelayMs: 10 } }) {
  const config = parseConfig(localGoogleConfig(server.port, google));
  const engine = await createGoogleEngine({ config, configDir: process.cwd() }, options);
  opened.push(engine);
  return engine;
}

function prepare(engine: SpeechEngine, text = 'Belarus freed thousands of prisoners this month.') {
  return engine.prepare({ text, voice: 'en-US-Neural2-D', language: 'en-US', lexicon: [] });
}

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

beforeAll(async () => {
  server = await startFakeGoogleServer({ seed: 7 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());
afterEach(async () => {
  await Promise.all(opened.splice(0).map((engine) => engine.close()));
});

describe('transient faults are retried', () => {
  test('30% UNAVAILABLE and 10% RESOURCE_EXHAUSTED: every paragraph comes back, once each', async () => {
    const engine = await createEngine();
    Object.assign(server.control, { unavailable: 0.3, resourceExhausted: 0.1 });
    const limit = pLimit(4);
    const started = performance.now();
    // Three passes over the sample edition, so enough faults happen to mean something.
    const texts = [...paragraphs, ...paragraphs, ...paragraphs];
    const clips = await Promise.all(texts.map((text) => limit(() => engine.synthesize(prepare(engine, text)))));
    const elapsed = performance.now() - started;
    expect(clips).toHaveLength(texts.length);
    for (const clip of clips) expect(parseWav(clip.wav).samples.length).toBeGreaterThan(0);
    const synthCalls = server.calls.filter((c) => c.method === 'SynthesizeSpeech');
    const count = (status: string) => synthCalls.filter((c) => c.status === status).length;
    expect(count('OK')).toBe(texts.length);
    expect(count('UNAVAILABLE')).toBeGreaterThan(0);
    expect(count('RESOURCE_EXHAUSTED')).toBeGreaterThan(0);
    const spoken = server.synthesized().map((r) => spokenText(r.input.ssml as string));
    for (const text of paragraphs) expect(spoken.filter((read) => read === text)).toHaveLength(3);
    console.info(
      `${texts.length} paragraphs, ${synthCalls.length} calls (${count('UNAVAILABLE')} UNAVAILABLE, ${count('RESOURCE_EXHAUSTED')} RESOURCE_EXHAUSTED): ${Math.round(elapsed)} ms`,
    );
  });

  test('RESOURCE_EXHAUSTED waits as long as RetryInfo says', async () => {
    const engine = await createEngine({}, { quotaRetry: { initialDelayMs: 5 } });
    Object.assign(server.control, { schedule: ['RESOURCE_EXHAUSTED'], retryDelayMs: 400 });
    const started = performance.now();
    await engine.synthesize(prepare(engine));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(395);
    expect(elapsed).toBeLessThan(1000);
    console.info(`RESOURCE_EXHAUSTED with RetryInfo 400 ms: recovered after ${Math.round(elapsed)} ms`);
  });

  test('without RetryInfo, RESOURCE_EXHAUSTED backs off exponentially with jitter', async () => {
    const engine = await createEngine({}, { quotaRetry: { initialDelayMs: 100, multiplier: 2 } });
    Object.assign(server.control, { schedule: ['RESOURCE_EXHAUSTED', 'RESOURCE_EXHAUSTED', 'RESOURCE_EXHAUSTED'], retryDelayMs: null });
    const started = performance.now();
    await engine.synthesize(prepare(engine));
    const elapsed = performance.now() - started;
    // Waits of 50-100, 100-200 and 200-400 ms.
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(1000);
    console.info(`3 x RESOURCE_EXHAUSTED without RetryInfo: recovered after ${Math.round(elapsed)} ms`);
  });

  test('quota that never recovers ends in one line, exit 1', async () => {
    const engine = await createEngine({}, { quotaRetry: { initialDelayMs: 5, maxAttempts: 3 } });
    Object.assign(server.control, { schedule: ['RESOURCE_EXHAUSTED', 'RESOURCE_EXHAUSTED', 'RESOURCE_EXHAUSTED'], retryDelayMs: 10 });
    const error = await failure(engine.synthesize(prepare(engine)));
    expect(error).toMatchObject({ code: 'E_GOOGLE_QUOTA', exitCode: 1 });
    expect(error.hint).toMatch(/--concurrency/);
    expect(server.calls).toHaveLength(3);
  });

  test('an attempt that hangs past its deadline is retried by gax (DEADLINE_EXCEEDED)', async () => {
    const engine = await createEngine({ timeoutSeconds: 2 });
    Object.assign(server.control, { schedule: [{ delayMs: 1500 }] });
    const started = performance.now();
    await engine.synthesize(prepare(engine));
    const elapsed = performance.now() - started;
    expect(server.calls.map((c) => c.status)).toEqual(['CANCELLED', 'OK']);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(2000);
    console.info(`hung attempt cut at 1 s and retried: ${Math.round(elapsed)} ms`);
  });

  test('a service that stays UNAVAILABLE fails within timeoutSeconds, not gax\u2019s 300 s', async () => {
    const engine = await createEngine({ timeoutSeconds: 1 });
    Object.assign(server.control, { unavailable: 1 });
    const started = performance.now();
    const error = await failure(
      engine.synthesize(prepare(engine), { location: { file: 'edition.txt', article: 'article 1', paragraph: 'paragraph 3' } } as never),
    );
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ code: 'E_GOOGLE_UNREACHABLE', exitCode: 1 });
    expect(error.toLine()).toMatch(
      /^edition\.txt, article 1, paragraph 3: Google Text-to-Speech at 127\.0\.0\.1:\d+ did not answer within 1 s\./,
    );
    expect(elapsed).toBeLessThan(2500);
    expect(server.calls.length).toBeGreaterThan(2);
    console.info(`UNAVAILABLE throughout, timeoutSeconds 1: gave up after ${Math.round(elapsed)} ms and ${server.calls.length} attempts`);
  });
});

describe('permanent faults stop at once with one line', () => {
  test.each([
    ['INVALID_ARGUMENT', 'E_GOOGLE_INVALID_ARGUMENT', 2, /Fix the engines\.google settings/],
    ['PERMISSION_DENIED', 'E_GOOGLE_PERMISSION', 1, /Enable the Cloud Text-to-Speech API/],
    ['UNAUTHENTICATED', 'E_GOOGLE_UNAUTHENTICATED', 1, /gcloud auth application-default login/],
  ] as const)('%s → %s, exit %i, not retried', async (fault, code, exitCode, hint) => {
    const engine = await createEngine();
    server.control.schedule.push(fault);
    const error = await failure(engine.synthesize(prepare(engine)));
    expect(error).toMatchObject({ code, exitCode });
    expect(error.toLine()).toMatch(hint);
    expect(error.toLine()).not.toContain('\n');
    expect(server.calls).toHaveLength(1);
  });

  test('the service\u2019s reason for INVALID_ARGUMENT is kept', async () => {
    const engine = await createEngine();
    const prepared = prepare(engine);
    const error = await failure(engine.synthesize({ ...prepared, voice: 'en-US-Gone-Z' }));
    expect(error.message).toBe(
      'Google Text-to-Speech rejected the request for voice "en-US-Gone-Z": Voice \'en-US-Gone-Z\' does not exist. Is it misspelled?.',
    );
    expect(error.hint).toMatch(/audio-edition voices --engine google/);
    expect(error.exitCode).toBe(2);
  });
});

describe('credentials', () => {
  let trap: Awaited<ReturnType<typeof startMetadataTrap>>;
  const saved = { ...process.env };
  beforeAll(async () => {
    trap = await startMetadataTrap();
  });
  afterAll(() => trap.close());
  afterEach(() => {
    for (const key of ['GCE_METADATA_HOST', 'GOOGLE_APPLICATION_CREDENTIALS', 'HOME', 'CLOUDSDK_CONFIG']) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  });

  test('insecure mode sends no credentials and never asks a metadata server', async () => {
    process.env.GCE_METADATA_HOST = trap.host;
    // Even a broken credentials variable is not looked at.
    process.env.GOOGLE_APPLICATION_CREDENTIALS = '/nonexistent/key.json';
    const engine = await createEngine();
    await engine.voices();
    await engine.synthesize(prepare(engine));
    expect(trap.hits).toEqual([]);
    for (const call of server.calls) expect(Object.keys(call.metadata)).not.toContain('authorization');
  });

  test('control: without insecure and without credentials, the client does ask the metadata server', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'ae-home-'));
    Object.assign(process.env, { GCE_METADATA_HOST: trap.host, HOME: home, CLOUDSDK_CONFIG: path.join(home, 'gcloud') });
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    const engine = await createEngine({ insecure: false });
    const error = await failure(engine.synthesize(prepare(engine)));
    expect(error.code).toBe('E_GOOGLE_CREDENTIALS');
    expect(error.toLine()).toMatch(/gcloud auth application-default login/);
    expect(trap.hits.length).toBeGreaterThan(0);
    expect(server.calls).toHaveLength(0);
  });

  test('a broken key file is reported without a word of its contents', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-key-'));
    await writeFile(
      path.join(dir, 'key.json'),
      '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----\\nTOPSECRETKEYMATERIAL\\n-----END PRIVATE KEY-----\\n",',
    );
    const config = parseConfig(localGoogleConfig(server.port, { insecure: false, keyFilename: 'key.json' }));
    const engine = await createGoogleEngine({ config, configDir: dir });
    opened.push(engine);
    const error = await failure(engine.synthesize(prepare(engine)));
    expect(error).toMatchObject({ code: 'E_GOOGLE_CREDENTIALS', exitCode: 2 });
    expect(error.toLine()).toContain(path.join(dir, 'key.json'));
    expect(error.toLine()).not.toMatch(/TOPSECRET|BEGIN PRIVATE/);
    expect(server.calls).toHaveLength(0);
  });
});
