import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '../src/audio/wav.js';
import { parseConfig } from './helpers/config.js';
import { createFliteEngine } from '../src/engines/flite/engine.js';
import type { Manifest, TranscriptJson } from '../src/publish/manifest.js';
import { splitWords } from '../src/text/words.js';
import { detectSilences, type Silence } from './helpers/audio.js';
import { makeWorkspace, runCli } from './helpers/cli.js';

/**
 * Word timings checked against the audio itself: where the audio's silence ends, the next
 * word starts. Pauses are found by ffmpeg's silencedetect, independently of the timings.
 */

const TOLERANCE = 0.06;

/** Pauses inside the speech, at least `minSeconds` long (the leading and trailing silence are not pauses). */
function pausesOf(silences: Silence[], duration: number): Silence[] {
  return silences.filter((s) => s.start > 0.02 && Number.isFinite(s.end) && s.end < duration - 0.02);
}

/** The word whose start is nearest to `seconds`. */
function nearestStart<T extends { start: number }>(words: readonly T[], seconds: number): T {
  return words.reduce((best, word) => (Math.abs(word.start - seconds) < Math.abs(best.start - seconds) ? word : best));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ae-words-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('flite word timings', () => {
  const engine = createFliteEngine({ config: parseConfig({}), configDir: process.cwd(), concurrency: 2 });
  afterAll(() => engine.close());
  const text = 'The council met on Tuesday. After a long debate, the mayor spoke at last; nobody left the hall before midnight.';

  it.each(['slt', 'rms', 'awb', 'kal16'])(
    'with %s, start each word that follows a pause within 60 ms of where the silence ends',
    async (voice) => {
      const clip = await engine.synthesize(engine.prepare({ text, voice, language: 'en-US', lexicon: [] }));
      expect(clip.wordTiming).toBe('engine');
      const words = clip.words!;
      expect(words.map((w) => w.word)).toEqual(splitWords(text));
      const file = path.join(dir, `${voice}.wav`);
      await writeFile(file, clip.wav);
      const pcm = parseWav(clip.wav);
      const pauses = pausesOf(await detectSilences(file, -45, 0.1), pcm.samples.length / pcm.sampleRate);
      // Pauses come at the full stop, the comma and the semicolon (some voices barely pause at one of them).
      expect(pauses.length).toBeGreaterThanOrEqual(2);
      const followers = pauses.map((pause) => nearestStart(words, pause.end));
      for (const follower of followers) expect(['After', 'the', 'nobody']).toContain(follower.word);
      pauses.forEach((pause, i) => {
        expect(Math.abs(followers[i]!.start - pause.end)).toBeLessThan(TOLERANCE);
      });
      for (let i = 1; i < words.length; i++) expect(words[i]!.start).toBeGreaterThanOrEqual(words[i - 1]!.end - 1e-9);
    },
  );

  it('times written words that normalization rewrote, spanning the words said for them', async () => {
    const written = 'Pay $32.95 to the BBC – today.';
    const clip = await engine.synthesize(engine.prepare({ text: written, voice: 'slt', language: 'en-US', lexicon: [] }));
    const words = clip.words!;
    expect(words.map((w) => w.word)).toEqual(['Pay', '$32.95', 'to', 'the', 'BBC', '–', 'today.']);
    const byWord = (word: string) => words.find((w) => w.word === word)!;
    // "thirty-two dollars and ninety-five cents" is several times as long as "to".
    const money = byWord('$32.95');
    const to = byWord('to');
    expect(money.end - money.start).toBeGreaterThan(3 * (to.end - to.start));
    expect(byWord('BBC').end - byWord('BBC').start).toBeGreaterThan(0.3);
    // The dash is not spoken: it takes no time.
    expect(byWord('–').end).toBe(byWord('–').start);
  });
});

describe('word times in the published episode', () => {
  let work: { dir: string; config: string; out: string };
  let transcript: TranscriptJson;
  let manifest: Manifest;
  let mp3: string;

  beforeAll(async () => {
    work = await makeWorkspace({ audio: { intro: false, outro: false, paragraphPause: 0.7, articlePause: 1.5 } });
    const edition = path.join(work.dir, '2026-11-26-pauses.txt');
    await writeFile(
      edition,
      [
        'Pauses',
        'The council met on Tuesday. After a long debate, the mayor spoke at last.',
        'Nobody left the hall before midnight, and the vote was close.',
        '---',
        'Second story',
        'Rain is expected tomorrow; farmers welcomed the news.',
      ].join('\n\n'),
    );
    const result = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const folder = path.join(work.out, '2026-11-26-pauses');
    transcript = JSON.parse(await readFile(path.join(folder, 'transcript.json'), 'utf8')) as TranscriptJson;
    manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as Manifest;
    mp3 = path.join(folder, 'episode.mp3');
  });
  afterAll(() => rm(work.dir, { recursive: true, force: true }));

  it('starts the word after every pause (between paragraphs, articles and sentences) within 60 ms of where the MP3 is silent no more', async () => {
    const words = transcript.segments.map((s) => ({ ...s, start: s.startTime }));
    const pauses = pausesOf(await detectSilences(mp3, -45, 0.12), manifest.audio.durationSeconds);
    const paragraphs = manifest.articles.flatMap((a) => a.paragraphs);
    // At least the gaps between the paragraphs, the titles and the articles, and the pauses inside sentences.
    expect(pauses.length).toBeGreaterThanOrEqual(paragraphs.length + 3);
    for (const pause of pauses) {
      const word = nearestStart(words, pause.end);
      expect(Math.abs(word.start - pause.end), `"${word.body}" after the pause ending at ${pause.end}`).toBeLessThan(TOLERANCE);
    }
  });

  it('writes one segment per word, each paragraph word naming its paragraph and index, inside its paragraph', () => {
    expect(transcript.version).toBe('1.0.0');
    expect(transcript.timing).toBe('engine');
    for (const paragraph of manifest.articles.flatMap((a) => a.paragraphs)) {
      const own = transcript.segments.filter((s) => s.paragraph === paragraph.id);
      expect(own.map((s) => s.body)).toEqual(splitWords(paragraph.text));
      expect(own.map((s) => s.word)).toEqual(own.map((_, i) => i));
      expect(own[0]!.startTime).toBeGreaterThanOrEqual(paragraph.start - 0.001);
      expect(own[own.length - 1]!.endTime).toBeLessThanOrEqual(paragraph.end + 0.001);
    }
    // Titles are spoken and transcribed, but belong to no paragraph.
    expect(transcript.segments.some((s) => s.body === 'Second' && s.paragraph === undefined)).toBe(true);
  });

  it('lists the JSON transcript in the feed, and starts and ends the VTT cues on word times', async () => {
    const feed = await readFile(path.join(work.out, 'feed.xml'), 'utf8');
    expect(feed).toMatch(/<podcast:transcript url="[^"]*\/2026-11-26-pauses\/transcript\.json" type="application\/json"/);
    const vtt = await readFile(path.join(work.out, '2026-11-26-pauses', 'transcript.vtt'), 'utf8');
    const seconds = (stamp: string) => {
      const [h, m, s] = stamp.split(':').map(Number);
      return h! * 3600 + m! * 60 + s!;
    };
    const cues = [...vtt.matchAll(/(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})/g)].map((m) => [seconds(m[1]!), seconds(m[2]!)]);
    expect(cues.length).toBeGreaterThanOrEqual(3);
    const starts = transcript.segments.map((s) => s.startTime);
    const ends = transcript.segments.map((s) => s.endTime);
    for (const [start, end] of cues) {
      expect(Math.min(...starts.map((t) => Math.abs(t - start!)))).toBeLessThan(0.0011);
      expect(Math.min(...ends.map((t) => Math.abs(t - end!)))).toBeLessThan(0.0011);
    }
  });
});
