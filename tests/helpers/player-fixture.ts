import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Manifest, TranscriptJson } from '../../src/publish/manifest.js';
import { writePlayer } from '../../src/publish/player.js';
import { renderListenPage } from '../../src/publish/page.js';
import { publicUrlsFor } from '../../src/publish/urls.js';
import { configSchema } from '../../src/engines/index.js';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

export const SLUG = '2026-11-25-test-edition';
export const XSS_TEXT = 'Markup stays text: <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> end.';

/**
 * Three stories of three paragraphs at known times (story n starts at 10·(n-1) s) in a 60-second
 * episode. The second story also has its own MP3, `a2.mp3`, as the build publishes it.
 */
export function fixtureManifest(): Manifest {
  const titles = ['Morning briefing', 'City council <b>votes</b>', 'Weather'];
  return {
    version: 1,
    slug: SLUG,
    title: 'A Little Respite',
    date: '2026-11-25',
    show: { title: 'The Daily Test', author: 'Test Newsroom' },
    audio: { url: 'episode.mp3', durationSeconds: 60, bytes: 0, type: 'audio/mpeg' },
    articles: titles.map((title, a) => {
      const base = a * 10;
      return {
        id: `a${a + 1}`,
        title,
        start: base,
        end: base + 9.5,
        ...(a === 1 ? { audio: { url: 'a2.mp3', durationSeconds: 9.5, bytes: 0 } } : {}),
        paragraphs: [0, 1, 2].map((p) => ({
          id: `a${a + 1}-p${p + 1}`,
          text: a === 1 && p === 1 ? XSS_TEXT : `Story ${a + 1}, paragraph ${p + 1}. ${'Some words to read aloud. '.repeat(6)}`,
          start: base + 0.5 + p * 3,
          end: base + 3 + p * 3,
        })),
      };
    }),
  };
}

/** transcript.json for the manifest: each paragraph's words spread evenly over its time, as the contract numbers them. */
export function fixtureTranscript(manifest: Manifest): TranscriptJson {
  const segments = manifest.articles.flatMap((article) =>
    article.paragraphs.flatMap((paragraph) => {
      const words = paragraph.text.split(/\s+/).filter(Boolean);
      const step = (paragraph.end - paragraph.start) / words.length;
      return words.map((body, word) => ({
        startTime: Number((paragraph.start + word * step).toFixed(3)),
        endTime: Number((paragraph.start + (word + 1) * step).toFixed(3)),
        body,
        paragraph: paragraph.id,
        word,
      }));
    }),
  );
  return { version: '1.0.0', timing: 'estimate', segments };
}

let compiled: Promise<void> | undefined;

/** Bundles the player once per test run, to where `writePlayer` publishes it from. */
export function compilePlayer(): Promise<void> {
  compiled ??= run(process.execPath, [path.join(repo, 'scripts/bundle-player.js')]).then(() => undefined);
  return compiled;
}

export interface EpisodeFixture {
  dir: string;
  manifest: Manifest;
  cleanup(): Promise<void>;
}

/**
 * An output folder with player.js and one episode: a real 60 s MP3 made by ffmpeg, the second
 * story cut from it as a2.mp3, the manifest, transcript.json and the listen page.
 */
export async function makeEpisodeFixture(): Promise<EpisodeFixture> {
  await compilePlayer();
  const dir = await mkdtemp(path.join(tmpdir(), 'player-fixture-'));
  const episodeDir = path.join(dir, SLUG);
  await mkdir(episodeDir, { recursive: true });
  const manifest = fixtureManifest();
  await run('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=f=440:d=60',
    '-ac',
    '1',
    '-ar',
    '44100',
    '-b:a',
    '96k',
    path.join(episodeDir, 'episode.mp3'),
  ]);
  // The story's own MP3 is the episode from the story's start to its end, as the build cuts it.
  const story = manifest.articles[1]!;
  await run('ffmpeg', [
    '-v',
    'error',
    '-ss',
    String(story.start),
    '-t',
    String(story.end - story.start),
    '-i',
    path.join(episodeDir, 'episode.mp3'),
    '-b:a',
    '96k',
    path.join(episodeDir, 'a2.mp3'),
  ]);
  await writeFile(path.join(episodeDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(episodeDir, 'transcript.json'), JSON.stringify(fixtureTranscript(manifest)));
  await writePlayer(dir);
  const show = configSchema.parse({ show: { title: 'The Daily Test', appleUrl: 'https://podcasts.apple.com/podcast/id1' } }).show;
  const urls = publicUrlsFor(show.baseUrl, SLUG);
  await writeFile(
    path.join(episodeDir, 'index.html'),
    renderListenPage({ manifest, show, ...urls, transcript: { vtt: 'transcript.vtt' } }),
  );
  return { dir, manifest, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A folder holding one HTML page, for serving as a host site on its own origin. */
export async function makeHostSite(html: string): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'player-host-'));
  await writeFile(path.join(dir, 'index.html'), html);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
