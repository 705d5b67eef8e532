/**
 * The google engine through the built CLI, as an editor runs it, against the local gRPC server
 * (`npm run build` first; the global setup does it). The config is the documented one:
 * `engines.google` pointing at 127.0.0.1 with `insecure: true`.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { trimSilence } from '../src/audio/clip.js';
import { parseWav, toMono } from '../src/audio/wav.js';
import { applyRespellings } from '../src/text/lexicon.js';
import { makeWorkspace, ROOT, runCli, SAMPLE } from './helpers/cli.js';
import {
  FAKE_VOICES,
  localGoogleConfig,
  spokenText,
  startFakeGoogleServer,
  startMetadataTrap,
  writtenText,
  type FakeGoogleServer,
  type MetadataTrap,
} from './helpers/google-server.js';

let server: FakeGoogleServer;
let trap: MetadataTrap;

/** A workspace with the sample config and lexicon, switched to the google engine on the fake server. */
async function googleWorkspace(google: Record<string, unknown> = {}) {
  const local = localGoogleConfig(server.port, google);
  return makeWorkspace({ speech: { engine: 'google', voice: undefined, concurrency: 4 }, engines: local.engines });
}

async function build(args: string[], workspace: { config: string; out: string; dir: string }) {
  // The metadata trap would record any attempt to reach a metadata server; GOOGLE_APPLICATION_CREDENTIALS
  // points nowhere to show insecure mode never reads it.
  const env = { GCE_METADATA_HOST: trap.host, GOOGLE_APPLICATION_CREDENTIALS: path.join(workspace.dir, 'no-such-key.json') };
  return runCli(['build', ...args, '-c', workspace.config, '-o', workspace.out, '--json'], { cwd: workspace.dir, env });
}

interface Manifest {
  articles: Array<{ title: string; paragraphs: Array<{ id: string; text: string; start: number; end: number }> }>;
  audio: { durationSeconds: number };
}

interface Transcript {
  timing?: 'engine' | 'estimate' | 'mixed';
  segments: Array<{ startTime: number; endTime: number; body: string; paragraph?: string; word?: number }>;
}

async function readTranscript(out: string, slug: string): Promise<Transcript> {
  return JSON.parse(await readFile(path.join(out, slug, 'transcript.json'), 'utf8')) as Transcript;
}

/** How each clip in a workspace's cache says its words were timed. */
async function cachedWordTimings(dir: string): Promise<string[]> {
  const clips = path.join(dir, 'cache', 'clips');
  const timings: string[] = [];
  for (const folder of await readdir(clips)) {
    for (const file of (await readdir(path.join(clips, folder))).filter((name) => name.endsWith('.json'))) {
      const meta = JSON.parse(await readFile(path.join(clips, folder, file), 'utf8')) as { wordTiming: string; words: unknown[] };
      expect(meta.words.length).toBeGreaterThan(0);
      timings.push(meta.wordTiming);
    }
  }
  return timings;
}

async function readManifest(out: string, slug: string): Promise<Manifest> {
  return JSON.parse(await readFile(path.join(out, slug, 'manifest.json'), 'utf8')) as Manifest;
}

const SLUG = '2026-11-25-a-little-respite';
const sampleParagraphs = (await readFile(SAMPLE, 'utf8'))
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !/^(Listen to Today's Edition|Subscribe today|Join us today)/.test(line))
  .slice(1);

/** The sample lexicon as entries, for what a plain-text voice is sent. */
const respellings = Object.entries(
  JSON.parse(await readFile(path.join(ROOT, 'lexicon.json'), 'utf8')) as Record<string, { say: string }>,
).map(([word, entry]) => ({ word, say: entry.say }));

beforeAll(async () => {
  // Leading silence as the service's audio has, so clips are trimmed and word times must follow.
  server = await startFakeGoogleServer({
    seed: 3,
    leadingSilenceMs: 120,
    voices: [...FAKE_VOICES, { name: 'ar-XA-Wavenet-B', languageCodes: ['ar-XA'], ssmlGender: 'MALE', naturalSampleRateHertz: 24000 }],
  });
  trap = await startMetadataTrap();
});
afterAll(async () => {
  await server.close();
  await trap.close();
});
beforeEach(() => server.reset());

function expectEveryParagraphRead(manifest: Manifest, read: string[], asSent: (text: string) => string = (text) => text) {
  const paragraphs = manifest.articles.flatMap((article) => article.paragraphs);
  expect(paragraphs.map((p) => p.text)).toEqual(sampleParagraphs);
  for (const paragraph of paragraphs) expect(paragraph.end).toBeGreaterThan(paragraph.start);
  // Each paragraph's text reached the service (the script may normalize numbers, so compare a prefix of words).
  for (const text of sampleParagraphs) {
    const opening = asSent(text).split(' ').slice(0, 3).join(' ');
    expect(
      read.some((sent) => sent.includes(opening)),
      opening,
    ).toBe(true);
  }
}

describe('build --engine google through the CLI', () => {
  test('the sample edition with a Neural2 voice is read from escaped SSML with <phoneme>', async () => {
    const workspace = await googleWorkspace({ voice: 'en-US-Neural2-D' });
    const result = await build([SAMPLE], workspace);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      episodes: Array<{ slug: string; paragraphs: number; clips: { synthesized: number }; durationSeconds: number }>;
    };
    expect(summary.episodes[0]).toMatchObject({ slug: SLUG, paragraphs: sampleParagraphs.length });
    const sent = server.synthesized();
    expect(sent).toHaveLength(summary.episodes[0]!.clips.synthesized);
    for (const request of sent) {
      expect(request.input.inputSource).toBe('ssml');
      expect(request.voice).toMatchObject({ name: 'en-US-Neural2-D', languageCode: 'en-US' });
      expect(request.audioConfig).toMatchObject({ audioEncoding: 'LINEAR16' });
    }
    expect(sent.some((r) => r.input.ssml.includes('<phoneme alphabet="ipa" ph="ˌluːkəˈʃɛŋkoʊ">Lukashenko</phoneme>'))).toBe(true);
    expectEveryParagraphRead(
      await readManifest(workspace.out, SLUG),
      sent.map((r) => spokenText(r.input.ssml)),
    );
    expect(summary.episodes[0]!.durationSeconds).toBeGreaterThan(10);
    // Plaintext to the local server: no credentials sent, no metadata server asked.
    for (const call of server.calls) expect(call.metadata.authorization).toBeUndefined();
    expect(trap.hits).toEqual([]);
  });

  test('the sample edition with a Chirp 3 HD voice is read from plain text with respellings', async () => {
    const workspace = await googleWorkspace({ voice: 'en-US-Chirp3-HD-Charon' });
    const result = await build([SAMPLE], workspace);
    expect(result.code, result.stderr).toBe(0);
    const sent = server.synthesized();
    expect(sent.length).toBeGreaterThan(sampleParagraphs.length);
    for (const request of sent) {
      expect(request.input.inputSource).toBe('text');
      expect(request.voice.name).toBe('en-US-Chirp3-HD-Charon');
    }
    const texts = sent.map((r) => r.input.text as string);
    expect(texts.some((text) => text.includes('loo-kah-SHEN-koh'))).toBe(true);
    expect(texts.some((text) => /<phoneme|<speak/.test(text))).toBe(false);
    expectEveryParagraphRead(await readManifest(workspace.out, SLUG), texts, (text) => applyRespellings(text, respellings));
    // No timepoints for a voice without SSML: its word times are an estimate, and say so.
    for (const request of sent) expect(request.enableTimePointing).toBeUndefined();
    expect((await readTranscript(workspace.out, SLUG)).timing).toBe('estimate');
    expect(new Set(await cachedWordTimings(workspace.dir))).toEqual(new Set(['estimate']));
  });

  test('transcript.json: every marked word starts where the service’s timepoint puts it in the episode', async () => {
    const workspace = await googleWorkspace({ voice: 'en-US-Neural2-D' });
    const result = await build([SAMPLE], workspace);
    expect(result.code, result.stderr).toBe(0);
    const calls = server.calls.filter((call) => call.method === 'SynthesizeSpeech' && call.status === 'OK');
    for (const call of calls) expect(call).toMatchObject({ api: 'v1beta1', request: { enableTimePointing: ['SSML_MARK'] } });
    const manifest = await readManifest(workspace.out, SLUG);
    const transcript = await readTranscript(workspace.out, SLUG);
    expect(transcript.timing).toBe('engine');
    expect(new Set(await cachedWordTimings(workspace.dir))).toEqual(new Set(['engine']));
    let checked = 0;
    for (const paragraph of manifest.articles.flatMap((article) => article.paragraphs)) {
      const call = calls.find((c) => writtenText(c.request.input.ssml) === paragraph.text);
      expect(call, paragraph.id).toBeDefined();
      // The clip starts where the engine's speech does, less a margin: the trim every time is moved by.
      const pcm = toMono(parseWav(call!.audio!));
      const trim = trimSilence(pcm).start / pcm.sampleRate;
      expect(trim).toBeGreaterThan(0.05);
      const timepoints = new Map(call!.timepoints!.map((point) => [Number(point.markName), point.timeSeconds]));
      const segments = transcript.segments.filter((segment) => segment.paragraph === paragraph.id);
      expect(segments.length).toBeGreaterThan(0);
      for (const segment of segments) {
        const time = timepoints.get(segment.word!);
        // Words inside a lexicon phrase have no mark of their own.
        if (time === undefined) continue;
        expect(Math.abs(segment.startTime - (paragraph.start + time - trim)), `${paragraph.id} word ${segment.word}`).toBeLessThan(0.003);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  test('with 30% UNAVAILABLE and 10% RESOURCE_EXHAUSTED the build completes with no paragraph missing', async () => {
    const workspace = await googleWorkspace({ voice: 'en-US-Neural2-D' });
    Object.assign(server.control, { unavailable: 0.3, resourceExhausted: 0.1, retryDelayMs: 50 });
    const started = performance.now();
    const result = await build([SAMPLE], workspace);
    const elapsed = performance.now() - started;
    expect(result.code, result.stderr).toBe(0);
    const synth = server.calls.filter((c) => c.method === 'SynthesizeSpeech');
    const count = (status: string) => synth.filter((c) => c.status === status).length;
    expect(count('UNAVAILABLE')).toBeGreaterThan(0);
    expect(count('RESOURCE_EXHAUSTED')).toBeGreaterThan(0);
    const summary = JSON.parse(result.stdout) as { episodes: Array<{ clips: { synthesized: number } }> };
    expect(count('OK')).toBe(summary.episodes[0]!.clips.synthesized);
    expectEveryParagraphRead(
      await readManifest(workspace.out, SLUG),
      server.synthesized().map((r) => spokenText(r.input.ssml)),
    );
    console.info(
      `CLI build under faults: ${synth.length} calls (${count('UNAVAILABLE')} UNAVAILABLE, ${count('RESOURCE_EXHAUSTED')} RESOURCE_EXHAUSTED), ${Math.round(elapsed)} ms`,
    );
  });

  test('a 7,000-byte paragraph is sent as requests of at most 5,000 bytes and read as one paragraph', async () => {
    const workspace = await googleWorkspace({ voice: 'en-US-Neural2-D' });
    const long = Array.from(
      { length: 80 },
      (_, i) => `In part ${i + 1}, the café’s “amnesty” story & its sequel were read aloud to everyone.`,
    ).join(' ');
    expect(Buffer.byteLength(long)).toBeGreaterThan(7000);
    const edition = path.join(workspace.dir, '2026-11-26-long-read.txt');
    await writeFile(edition, `A Long Read\n${long}\n`);
    const result = await build([edition], workspace);
    expect(result.code, result.stderr).toBe(0);
    const sizes = server.synthesized().map((r) => Buffer.byteLength(r.input.ssml));
    for (const size of sizes) expect(size).toBeLessThanOrEqual(5000);
    const parts = server.synthesized().filter((r) => spokenText(r.input.ssml).includes('part'));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const manifest = await readManifest(workspace.out, '2026-11-26-long-read');
    const paragraphs = manifest.articles.flatMap((a) => a.paragraphs);
    expect(paragraphs).toHaveLength(1);
    // 10 ms of fake audio per character read: the paragraph's span covers all its parts.
    expect(paragraphs[0]!.end - paragraphs[0]!.start).toBeGreaterThan(long.length * 0.01 * 0.8);
  });

  test('an unknown voice fails in one line with exit 2', async () => {
    const workspace = await googleWorkspace();
    const result = await build([SAMPLE, '--voice', 'en-US-Neural9-Q'], workspace);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/unknown voice "en-US-Neural9-Q" for engine google\..*audio-edition voices --engine google/);
    expect(server.synthesized()).toHaveLength(0);
  });

  test('an Arabic edition: refused for an English voice before any request, read by the Arabic voice suggested', async () => {
    const workspace = await googleWorkspace({ voice: 'en-US-Neural2-D' });
    const arabic = path.join(workspace.dir, '2026-11-29-cairo.md');
    await writeFile(arabic, '---\nlanguage: ar\n---\n\n# القاهرة\n\nافتتحت القمة في القاهرة اليوم بحضور وزراء من Reuters.\n');
    const refused = await build([arabic], workspace);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `error: ${arabic}, article 1 "القاهرة", paragraph 1 (a1-p1): google voice "en-US-Neural2-D" reads English and cannot read Arabic script: "افتتحت القمة في القاهرة اليوم بحضور…" Use a voice that reads Arabic: --engine google --voice ar-XA-Wavenet-B.`,
    );
    expect(server.synthesized()).toHaveLength(0);

    const read = await build([arabic, '--voice', 'ar-XA-Wavenet-B'], workspace);
    expect(read.code, read.stderr).toBe(0);
    expect(read.stderr).toBe('');
    const sent = server.synthesized();
    expect(sent.some((request) => spokenText(request.input.ssml).includes('افتتحت القمة'))).toBe(true);
    for (const request of sent) expect(request.voice).toMatchObject({ name: 'ar-XA-Wavenet-B', languageCode: 'ar-XA' });
    const paragraph = (await readManifest(workspace.out, '2026-11-29-cairo')).articles[0]!.paragraphs[0]!;
    expect(paragraph.end).toBeGreaterThan(paragraph.start);
  });

  test('--dry-run estimates the cost at the voice family price and synthesizes nothing', async () => {
    const workspace = await googleWorkspace({ voice: 'en-US-Studio-O' });
    const result = await build([SAMPLE, '--dry-run'], workspace);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      dryRun: boolean;
      episodes: Array<{ estimatedCostUsd: number; characters: { synthesized: number } }>;
    };
    expect(summary.dryRun).toBe(true);
    const episode = summary.episodes[0]!;
    // Studio is $160 per million bytes, and SSML markup is billed too, so at least the text's share.
    expect(episode.estimatedCostUsd).toBeGreaterThanOrEqual((episode.characters.synthesized * 160) / 1e6);
    expect(server.synthesized()).toHaveLength(0);
  });
});

describe('voices --engine google', () => {
  test('lists voices through ListVoices', async () => {
    const workspace = await googleWorkspace();
    const result = await runCli(['voices', '--engine', 'google', '--language', 'en-GB', '-c', workspace.config, '--json'], {
      env: { GCE_METADATA_HOST: trap.host },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      engine: 'google',
      voices: [{ name: 'en-GB-Neural2-B', languages: ['en-GB'], gender: 'male', sampleRate: 24000, family: 'Neural2' }],
    });
    expect(trap.hits).toEqual([]);
  });
});
