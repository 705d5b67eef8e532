/**
 * `preview` through the built CLI with the shipped config: it renders a part of the episode
 * through the same pipeline as `build` (voice rule, pauses, concurrency, cache), and with
 * `--dry-run` says what the engine would be sent without synthesizing anything.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import { detectSilences } from './helpers/audio.js';
import { makeWorkspace, runCli, SAMPLE } from './helpers/cli.js';
import { localGoogleConfig, startFakeGoogleServer, type FakeGoogleServer } from './helpers/google-server.js';

let server: FakeGoogleServer;
let work: { dir: string; config: string; out: string };

/** The sample's first article: its paragraphs as the shipped config's skip rules leave them. */
const sampleParagraphs = (await readFile(SAMPLE, 'utf8'))
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !/^(Listen to Today's Edition|Subscribe today|Join us today)/.test(line))
  .slice(1);

beforeAll(async () => {
  server = await startFakeGoogleServer({ seed: 5, latencyMs: 40 });
  // The shipped config (speech.engine flite, speech.voice slt), plus where the local Google server is.
  work = await makeWorkspace({ engines: localGoogleConfig(server.port).engines });
});
afterAll(async () => {
  await server.close();
  await rm(work.dir, { recursive: true, force: true });
});
beforeEach(() => server.reset());

describe('preview --engine google with the shipped config', () => {
  it('renders with the Google default voice, not the configured flite voice, and exits 0', async () => {
    const shipped = JSON.parse(await readFile(work.config, 'utf8'));
    expect(shipped.speech).toMatchObject({ engine: 'flite', voice: 'slt' });
    const out = path.join(work.dir, 'google-p1.mp3');
    const result = await runCli(['preview', SAMPLE, '--paragraph', '1', '--engine', 'google', '-c', work.config, '-o', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const sent = server.synthesized();
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) expect(request.voice.name).toBe('en-US-Neural2-D');
    expect((await probe(out)).codec).toBe('mp3');
  });

  it('takes --concurrency as the number of requests in flight', async () => {
    for (const concurrency of [1, 3]) {
      server.reset();
      const out = path.join(work.dir, `concurrency-${concurrency}.mp3`);
      const args = ['preview', SAMPLE, '--engine', 'google', '--voice', 'en-US-Wavenet-D', '--concurrency', String(concurrency)];
      // A voice not used elsewhere in this file, and a fresh cache, so every paragraph is synthesized.
      const cache = await makeWorkspace({ engines: localGoogleConfig(server.port).engines });
      const result = await runCli([...args, '-c', cache.config, '-o', out, '--json']);
      await rm(cache.dir, { recursive: true, force: true });
      expect(result.code, result.stderr).toBe(0);
      expect(server.synthesized()).toHaveLength(sampleParagraphs.length);
      expect(server.maxInFlight).toBe(concurrency);
    }
  });
});

describe('preview of a whole article', () => {
  it('leaves audio.paragraphPause of silence between paragraphs, as the episode does', async () => {
    // Not the default 0.7 s, so a hard-coded pause would fail.
    const pause = 1.25;
    const config = JSON.parse(await readFile(work.config, 'utf8'));
    config.audio = { ...config.audio, paragraphPause: pause };
    const file = path.join(work.dir, 'pause.config.json');
    await writeFile(file, JSON.stringify(config));
    const out = path.join(work.dir, 'article.mp3');
    const result = await runCli(['preview', SAMPLE, '--article', '1', '--engine', 'google', '-c', file, '-o', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    // The local server reads each paragraph as a tone, so the only silences are the pauses.
    const silences = await detectSilences(out, -50, pause / 2);
    expect(silences).toHaveLength(sampleParagraphs.length - 1);
    for (const silence of silences) expect(Math.abs(silence.end - silence.start - pause)).toBeLessThan(0.05);
  });
});

describe('preview --dry-run', () => {
  it('prints, per paragraph, what flite would be sent after the lexicon and normalization, and writes nothing', async () => {
    const fresh = await makeWorkspace();
    const out = path.join(fresh.dir, 'never.mp3');
    const result = await runCli(['preview', SAMPLE, '--article', '1', '--dry-run', '--json', '-c', fresh.config, '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout) as {
      engine: string;
      voice: string;
      paragraphs: Array<{ id: string; text: string; sent: string }>;
    };
    expect(Object.keys(plan)).toEqual(['engine', 'voice', 'paragraphs']);
    expect(plan).toMatchObject({ engine: 'flite', voice: 'slt' });
    expect(plan.paragraphs.map((p) => p.id)).toEqual(sampleParagraphs.map((_, i) => `a1-p${i + 1}`));
    expect(plan.paragraphs.map((p) => p.text)).toEqual(sampleParagraphs);
    for (const paragraph of plan.paragraphs) expect(Object.keys(paragraph)).toEqual(['id', 'text', 'sent']);
    const second = plan.paragraphs[1]!;
    expect(second.text).toContain('Lukashenko signed an amnesty bill that will affect 7,850 individuals');
    expect(second.sent).toContain(
      'loo-kah-SHEN-koh signed an amnesty bill that will affect seven thousand eight hundred fifty individuals',
    );
    await expect(stat(out)).rejects.toThrow();
    await expect(stat(path.join(fresh.dir, 'cache'))).rejects.toThrow();
    await rm(fresh.dir, { recursive: true, force: true });
  });

  it('prints the SSML an SSML voice would be sent, without calling synthesis', async () => {
    const result = await runCli(['preview', SAMPLE, '--paragraph', '1', '--engine', 'google', '--dry-run', '--json', '-c', work.config]);
    expect(result.code, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout) as { engine: string; voice: string; paragraphs: Array<{ id: string; sent: string }> };
    expect(plan).toMatchObject({ engine: 'google', voice: 'en-US-Neural2-D' });
    expect(plan.paragraphs).toHaveLength(1);
    expect(plan.paragraphs[0]!.id).toBe('a1-p1');
    expect(plan.paragraphs[0]!.sent).toMatch(/^<speak>.*<phoneme alphabet="ipa" ph="[^"]+">Alexander Lukashenko<\/phoneme>.*<\/speak>$/);
    expect(server.calls.filter((call) => call.method === 'SynthesizeSpeech')).toHaveLength(0);
  });

  it('without --json prints one line per paragraph on stdout', async () => {
    const result = await runCli(['preview', SAMPLE, '--paragraph', '2', '--dry-run', '-c', work.config]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^a1-p2: Last week, .*seven thousand eight hundred fifty/)]);
  });
});
