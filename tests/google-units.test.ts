import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { XMLValidator } from 'fast-xml-parser';
import { parseWav } from '../src/audio/wav.js';
import { parseConfig } from './helpers/config.js';
import { crossfade, joinWavParts } from '../src/engines/google/audio.js';
import { checkGoogleCredentials } from '../src/engines/google/credentials.js';
import { findRetryDelayMs } from '../src/engines/google/faults.js';
import { redactSecrets } from '../src/errors.js';
import { countBilledCharacters, findPricePerMillion, findVoiceFamily } from '../src/engines/google/pricing.js';
import { acceptsSsml, renderSsml } from '../src/engines/google/ssml.js';
import { ConfigError } from '../src/errors.js';
import { splitText, utf8Bytes } from '../src/text/split.js';
import { renderToneWav } from './helpers/google-server.js';

describe('splitText', () => {
  const rejoin = (pieces: string[]) => pieces.join(' ').replace(/\s+/g, ' ');

  test('short text is one piece', () => {
    expect(splitText('  One sentence.  ', { maxBytes: 100 })).toEqual(['One sentence.']);
    expect(splitText('   ', { maxBytes: 100 })).toEqual([]);
  });

  test('packs whole sentences, keeping abbreviations and initials with their sentence', () => {
    const text = 'Mr. Smith met Dr. J. R. Jones on Jan. 5 in the U.S. capital. They talked. Then they left for a long lunch together.';
    const pieces = splitText(text, { maxBytes: 70 });
    expect(pieces).toEqual([
      'Mr. Smith met Dr. J. R. Jones on Jan. 5 in the U.S. capital.',
      'They talked. Then they left for a long lunch together.',
    ]);
  });

  test('falls back to clauses, then words, then characters', () => {
    expect(splitText('First part, second part; third part: fourth.', { maxBytes: 20 })).toEqual([
      'First part,',
      'second part;',
      'third part: fourth.',
    ]);
    expect(splitText('no punctuation at all in this long run of words', { maxBytes: 16 })).toEqual([
      'no punctuation',
      'at all in this',
      'long run of',
      'words',
    ]);
    expect(splitText('Supercalifragilistic', { maxBytes: 8 })).toEqual(['Supercal', 'ifragili', 'stic']);
  });

  test('every piece fits as measured, and nothing is lost or reordered', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Item ${i} – “quoted”, with café & more${i % 7 === 0 ? '!' : '.'}`).join(' ');
    const measure = (piece: string) => utf8Bytes(`<speak>${piece.replace(/&/g, '&amp;')}</speak>`);
    const pieces = splitText(text, { maxBytes: 1000, measure });
    expect(pieces.length).toBeGreaterThan(5);
    for (const piece of pieces) expect(measure(piece)).toBeLessThanOrEqual(1000);
    expect(rejoin(pieces)).toBe(text);
  });

  test('never cuts inside a multi-byte character or emoji', () => {
    const pieces = splitText('👩‍👩‍👧é'.repeat(20), { maxBytes: 40 });
    expect(pieces.join('')).toBe('👩‍👩‍👧é'.repeat(20));
    for (const piece of pieces) expect(utf8Bytes(piece)).toBeLessThanOrEqual(40);
  });
});

describe('SSML', () => {
  test('escapes everything and stays well-formed, even with hostile text and lexicon values', () => {
    const ssml = renderSsml('<speak>A & B</speak> "x" \'y\' \u0007 ]]> <break time="9s"/> AT&T', [
      { word: 'AT&T', say: 'A T & T "quoted"', ipa: 'eɪ ti "ən" ti' },
    ]);
    expect(ssml).toBe(
      '<speak>&lt;speak&gt;A &amp; B&lt;/speak&gt; &quot;x&quot; &#39;y&#39;  ]]&gt; &lt;break time=&quot;9s&quot;/&gt; <phoneme alphabet="ipa" ph="eɪ ti &quot;ən&quot; ti">AT&amp;T</phoneme></speak>',
    );
    expect(XMLValidator.validate(ssml)).toBe(true);
  });

  test('knows which families reject SSML', () => {
    expect(
      ['en-US-Neural2-D', 'en-US-Wavenet-D', 'en-US-Standard-C', 'en-US-Studio-O', 'en-GB-News-K', 'en-US-Polyglot-1'].map(acceptsSsml),
    ).toEqual([true, true, true, true, true, true]);
    expect(['en-US-Chirp3-HD-Charon', 'en-US-Chirp-HD-F', 'en-US-Journey-D'].map(acceptsSsml)).toEqual([false, false, false]);
  });
});

describe('pricing', () => {
  test('families from voice names', () => {
    expect(
      [
        'en-US-Standard-C',
        'en-US-Wavenet-D',
        'en-US-Neural2-D',
        'en-US-Polyglot-1',
        'en-GB-News-K',
        'en-US-Studio-O',
        'en-US-Chirp-HD-F',
        'en-US-Chirp3-HD-Charon',
        'en-US-Journey-D',
        'xx-Weird',
      ].map(findVoiceFamily),
    ).toEqual(['Standard', 'WaveNet', 'Neural2', 'Polyglot', 'News', 'Studio', 'Chirp HD', 'Chirp 3 HD', 'Journey', undefined]);
  });

  test('unknown families are priced high rather than free; overrides by family or voice', () => {
    expect(findPricePerMillion('xx-Weird')).toBe(30);
    expect(findPricePerMillion('en-US-Neural2-D', { Neural2: 10, 'en-US-Neural2-D': 8 })).toBe(8);
    expect(findPricePerMillion('en-US-Neural2-F', { Neural2: 10, 'en-US-Neural2-D': 8 })).toBe(10);
  });

  test('byte-billed families count UTF-8 bytes', () => {
    expect(countBilledCharacters('café', 'en-US-Neural2-D')).toBe(5);
    expect(countBilledCharacters('café', 'en-US-Wavenet-D')).toBe(4);
  });
});

describe('joining audio', () => {
  test('parts at one rate become one mono WAV, with a crossfade instead of a step at the seam', () => {
    const a = new Int16Array(1000).fill(10000);
    const b = new Int16Array(1000).fill(-10000);
    const joined = crossfade(a, b, 100);
    expect(joined.length).toBe(1900);
    let biggestStep = 0;
    for (let i = 1; i < joined.length; i++) biggestStep = Math.max(biggestStep, Math.abs(joined[i]! - joined[i - 1]!));
    expect(biggestStep).toBeLessThanOrEqual(201);
  });

  test('joins real service-shaped WAVs', () => {
    const wav = joinWavParts([renderToneWav(0.5, 24000), renderToneWav(0.25, 24000)]);
    const pcm = parseWav(wav);
    expect(pcm).toMatchObject({ sampleRate: 24000, channels: 1 });
    expect(pcm.samples.length).toBe(12000 + 6000 - Math.round(24000 * 0.008));
  });

  test('refuses parts at different rates', () => {
    expect(() => joinWavParts([renderToneWav(0.1, 24000), renderToneWav(0.1, 16000)])).toThrow(/different sample rates/);
  });
});

describe('faults', () => {
  test('reads RetryInfo from gax-decoded details', () => {
    expect(findRetryDelayMs({ statusDetails: [{ retryDelay: { seconds: '2', nanos: 500_000_000 } }] })).toBe(2500);
    expect(findRetryDelayMs({ statusDetails: [] })).toBeUndefined();
  });

  test('secrets never reach a message', () => {
    const text =
      'bad key "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEv\n-----END PRIVATE KEY-----\n" Bearer ya29.a0AfH6SMBxxxxxxxxxxx';
    const clean = redactSecrets(`${text} secret=wJalrXUtnFEMI/K7MDENG`, { AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG' });
    expect(clean).not.toMatch(/MIIEv|ya29\.a0|wJalrXUtnFEMI/);
  });
});

describe('configuration ranges', () => {
  test.each([
    [{ speakingRate: 3 }, 'engines.google.speakingRate'],
    [{ speakingRate: 0.1 }, 'engines.google.speakingRate'],
    [{ pitch: -21 }, 'engines.google.pitch'],
    [{ volumeGainDb: 17 }, 'engines.google.volumeGainDb'],
    [{ sampleRateHertz: 12345 }, 'engines.google.sampleRateHertz'],
    [{ effectsProfile: ['car'] }, 'engines.google.effectsProfile.0'],
    [{ timeoutSeconds: 301 }, 'engines.google.timeoutSeconds'],
  ])('%j is refused naming %s', (google, key) => {
    const attempt = () => parseConfig({ engines: { google } });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(key);
  });

  test('defaults match the service defaults', () => {
    expect(parseConfig({}).engines.google).toMatchObject({
      speakingRate: 1,
      pitch: 0,
      volumeGainDb: 0,
      sampleRateHertz: 24000,
      effectsProfile: ['headphone-class-device'],
      timeoutSeconds: 60,
    });
  });
});

describe('checkGoogleCredentials', () => {
  async function context(google: Record<string, unknown>, files: Record<string, string> = {}) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-creds-'));
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
    return { config: parseConfig({ engines: { google } }), configDir: dir };
  }
  const serviceAccount = JSON.stringify({
    type: 'service_account',
    client_email: 'tts@project.iam.gserviceaccount.com',
    private_key: '-----BEGIN PRIVATE KEY-----\nSECRETBODY\n-----END PRIVATE KEY-----\n',
  });

  test('insecure needs none', async () => {
    expect(await checkGoogleCredentials(await context({ insecure: true }), {})).toMatchObject({ ok: true, source: 'insecure' });
  });

  test('a key file relative to the config folder', async () => {
    const ctx = await context({ keyFilename: 'key.json' }, { 'key.json': serviceAccount });
    const report = await checkGoogleCredentials(ctx, {});
    expect(report).toMatchObject({
      ok: true,
      source: 'keyFilename',
      type: 'service_account',
      account: 'tts@project.iam.gserviceaccount.com',
      file: path.join(ctx.configDir, 'key.json'),
    });
    expect(JSON.stringify(report)).not.toContain('SECRETBODY');
  });

  test('GOOGLE_APPLICATION_CREDENTIALS, then gcloud ADC, then nothing', async () => {
    const ctx = await context(
      {},
      {
        'sa.json': serviceAccount,
        'adc.json': JSON.stringify({ type: 'authorized_user', client_id: 'a', client_secret: 'b', refresh_token: 'c' }),
      },
    );
    expect(await checkGoogleCredentials(ctx, { GOOGLE_APPLICATION_CREDENTIALS: path.join(ctx.configDir, 'sa.json') })).toMatchObject({
      ok: true,
      source: 'GOOGLE_APPLICATION_CREDENTIALS',
    });
    await writeFile(
      path.join(ctx.configDir, 'application_default_credentials.json'),
      JSON.stringify({ type: 'authorized_user', client_id: 'a', client_secret: 'b', refresh_token: 'c' }),
    );
    expect(await checkGoogleCredentials(ctx, { CLOUDSDK_CONFIG: ctx.configDir })).toMatchObject({
      ok: true,
      source: 'gcloud',
      type: 'authorized_user',
    });
    const none = await checkGoogleCredentials(ctx, { HOME: path.join(ctx.configDir, 'nohome') });
    expect(none).toMatchObject({ ok: false, source: 'none' });
    expect(none.message).toMatch(/gcloud auth application-default login/);
  });

  test.each([
    ['missing', undefined, /does not exist/],
    ['not JSON', '{"private_key": "-----BEGIN PRIVATE KEY-----\\nSECRETBODY', /is not a JSON key file/],
    ['incomplete', JSON.stringify({ type: 'service_account', private_key: 'SECRETBODY' }), /missing client_email/],
    ['not PEM', JSON.stringify({ type: 'service_account', client_email: 'x@y', private_key: 'SECRETBODY' }), /not a PEM key/],
    ['untyped', JSON.stringify({ hello: 'SECRETBODY' }), /no "type" field/],
  ])('a %s key file is reported in one line without its contents', async (_, content, problem) => {
    const ctx = await context({ keyFilename: 'key.json' }, content === undefined ? {} : { 'key.json': content });
    const report = await checkGoogleCredentials(ctx, {});
    expect(report.ok).toBe(false);
    expect(report.message).toMatch(problem);
    expect(report.message).not.toContain('\n');
    expect(JSON.stringify(report)).not.toContain('SECRETBODY');
  });
});
