import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseConfig } from './helpers/config.js';
import type { Config, ConfigInput } from '../src/config/schema.js';
import { feedUrlOf } from '../src/publish/urls.js';
import type { Manifest } from '../src/publish/manifest.js';
import { episodeRecordFromManifest, findEpisodeFiles, type Store } from '../src/publish/store.js';
import { upsertEpisode } from './helpers/store.js';

/** Real output folders for feed tests: real MP3s from ffmpeg, manifests and sidecar files. */

const run = promisify(execFile);
export const FFMPEG = '/usr/bin/ffmpeg';
export const FFPROBE = '/usr/bin/ffprobe';

export async function makeOutDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'audio-edition-feed-'));
}

export function testConfig(overrides: ConfigInput['show'] = {}, feed: ConfigInput['feed'] = {}): Config {
  return parseConfig({
    show: {
      title: 'The Morning Edition',
      description: 'The day’s stories, read aloud.',
      author: 'The Newsroom',
      owner: { name: 'Night Desk', email: 'desk@example.com' },
      image: 'https://cdn.example.com/audio/cover.jpg',
      link: 'https://news.example.com/',
      baseUrl: 'https://cdn.example.com/audio/',
      ...overrides,
    },
    feed,
  });
}

export interface FixtureEdition {
  slug: string;
  title: string;
  date: string;
  seconds: number;
  /** Which sidecar files to write; all by default. */
  sidecars?: { chapters?: boolean; vtt?: boolean; srt?: boolean; page?: boolean };
  articles?: { title: string; paragraphs: string[] }[];
}

export const THREE_EDITIONS: FixtureEdition[] = [
  { slug: '2026-11-23-from-txt', title: 'Monday, From Plain Text', date: '2026-11-23', seconds: 3 },
  { slug: '2026-11-24-from-md', title: 'Tuesday, From Markdown', date: '2026-11-24', seconds: 5 },
  { slug: '2026-11-25-from-html', title: 'Wednesday, From HTML', date: '2026-11-25', seconds: 4 },
];

/** Writes one built episode into `outDir` and records it in the store, as the build does. */
export async function buildFixtureEpisode(outDir: string, edition: FixtureEdition, config: Config): Promise<Store> {
  const folder = path.join(outDir, edition.slug);
  await mkdir(folder, { recursive: true });
  const audio = path.join(folder, 'episode.mp3');
  await run(FFMPEG, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=d=${edition.seconds}`,
    '-ac',
    '1',
    '-ar',
    '44100',
    '-b:a',
    '96k',
    audio,
  ]);
  const bytes = (await stat(audio)).size;
  const durationSeconds = await probeDuration(audio);
  const articles = (
    edition.articles ?? [
      { title: `${edition.title}: first story`, paragraphs: ['The first paragraph of the first story.', 'More.'] },
      { title: 'Second story', paragraphs: ['The second story begins here.'] },
    ]
  ).map((article, a) => ({
    id: `a${a + 1}`,
    title: article.title,
    start: (a * durationSeconds) / 2,
    end: ((a + 1) * durationSeconds) / 2,
    paragraphs: article.paragraphs.map((text, p) => ({ id: `a${a + 1}-p${p + 1}`, text, start: 0, end: 1 })),
  }));
  const manifest: Manifest = {
    version: 1,
    slug: edition.slug,
    title: edition.title,
    date: edition.date,
    audio: { url: 'episode.mp3', durationSeconds, bytes, type: 'audio/mpeg' },
    articles,
  };
  await writeFile(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
  const sidecars = { chapters: true, vtt: true, srt: true, page: true, ...edition.sidecars };
  if (sidecars.chapters) {
    const chapters = { version: '1.2.0', chapters: articles.map((article) => ({ startTime: article.start, title: article.title })) };
    await writeFile(path.join(folder, 'chapters.json'), JSON.stringify(chapters));
  }
  if (sidecars.vtt) await writeFile(path.join(folder, 'transcript.vtt'), 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello.\n');
  if (sidecars.srt) await writeFile(path.join(folder, 'transcript.srt'), '1\n00:00:00,000 --> 00:00:01,000\nHello.\n');
  if (sidecars.page) await writeFile(path.join(folder, 'index.html'), '<!doctype html><title>Listen</title>');
  const record = episodeRecordFromManifest(manifest, await findEpisodeFiles(outDir, edition.slug), { feedUrl: feedUrlOf(config) });
  return upsertEpisode(outDir, record);
}

export async function probeDuration(file: string): Promise<number> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

/** The show's cover, published beside the feed: a square JPEG of the size Apple asks for. */
export async function writeCover(outDir: string): Promise<void> {
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=navy:s=1400x1400', '-frames:v', '1'];
  await run(FFMPEG, [...args, path.join(outDir, 'cover.jpg')]);
}
