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
import { acceptsSsml, markWords, readWordMark, renderSsml } from '../src/engines/google/ssml.js';
import { timeMarkedWords } from '../src/engines/google/timepoints.js';
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

  test('a mark goes before each word given, outside <phoneme> and <sub>: a phrase takes one mark', () => {
    const text = 'Alexander Lukashenko met\u0007 Viasna.';
    const ssml = renderSsml(
      text,
      [
        { word: 'Alexander Lukashenko', say: 'x', ipa: 'ɐlʲɪˈksandr' },
        { word: 'Viasna', say: 'VYAHS-nah' },
      ],
      [
        { at: 0, name: '0' },
        { at: 10, name: '1' },
        { at: 21, name: '2' },
        { at: 26, name: '3' },
      ],
    );
    expect(ssml).toBe(
      '<speak><mark name="0"/><phoneme alphabet="ipa" ph="ɐlʲɪˈksandr">Alexander Lukashenko</phoneme> <mark name="2"/>met <mark name="3"/><sub alias="VYAHS-nah">Viasna</sub>.</speak>',
    );
    expect(XMLValidator.validate(ssml)).toBe(true);
  });

  test('marks for a split text are numbered by word across its pieces', () => {
    const text = 'One two.  Three – four five.\tSix';
    expect(markWords(text, ['One two.', 'Three – four', 'five.\tSix'])).toEqual([
      [
        { at: 0, name: '0' },
        { at: 4, name: '1' },
      ],
      [
        { at: 0, name: '2' },
        { at: 6, name: '3' },
        { at: 8, name: '4' },
      ],
      [
        { at: 0, name: '5' },
        { at: 6, name: '6' },
      ],
    ]);
    expect(['0', '17', '017', '-1', 'w1', '', undefined].map(readWordMark)).toEqual([
      0,
      17,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
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

describe('timepoints', () => {
  test('marks from any part time their words; foreign names, lost marks and times out of order do no harm', () => {
    const words = timeMarkedWords(
      'a bb ccc dddd eeeee',
      [
        {
          start: 0,
          duration: 1,
          timepoints: [
            { markName: '0', timeSeconds: 0.1 },
            { markName: 'x', timeSeconds: 0.2 },
            { markName: '1', timeSeconds: 0.5 },
          ],
        },
        // Part two starts at 0.9 s; "2" is lost, "4" comes back earlier than "3".
        {
          start: 0.9,
          duration: 1,
          timepoints: [
            { markName: '3', timeSeconds: 0.4 },
            { markName: '4', timeSeconds: 0.3 },
            { markName: '9', timeSeconds: 0.9 },
          ],
        },
      ],
      2,
    )!;
    expect(words.map((w) => w.word)).toEqual(['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    const starts = words.map((w) => Math.round(w.start * 1000));
    expect(starts[0]).toBe(100);
    expect(starts[1]).toBe(500);
    expect(starts[2]).toBeGreaterThan(500);
    expect(starts[2]).toBeLessThan(1300);
    expect(starts[3]).toBe(1300);
    // Never before the word ahead of it.
    expect(starts[4]).toBe(1300);
    expect(words[4]!.end).toBe(2);
  });

  test('nothing returned: no timings, so the caller estimates', () => {
    expect(timeMarkedWords('a b', [{ start: 0, duration: 1, timepoints: [] }], 1)).toBeUndefined();
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
    const { wav, starts } = joinWavParts([renderToneWav(0.5, 24000), renderToneWav(0.25, 24000), renderToneWav(0.25, 24000)]);
    const pcm = parseWav(wav);
    expect(pcm).toMatchObject({ sampleRate: 24000, channels: 1 });
    const overlap = Math.round(24000 * 0.008);
    expect(pcm.samples.length).toBe(12000 + 6000 + 6000 - 2 * overlap);
    // Each part starts where the audio before it ends, less the crossfade's overlap.
    expect(starts).toEqual([0, (12000 - overlap) / 24000, (18000 - 2 * overlap) / 24000]);
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
