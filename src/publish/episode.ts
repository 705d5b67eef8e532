import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { Edition } from '../edition/types.js';
import type { LoudnessReport } from '../audio/loudness.js';
import { rm } from 'node:fs/promises';
import { publishFolder, renameStaged, stageFile } from './atomic.js';
import { renderFeedOnDisk } from './feed.js';
import { FEED_FILE, feedUrlOf, publicUrlsFor } from './urls.js';
import type { Manifest } from './manifest.js';
import { articleSpans, type EpisodeTimeline } from './spans.js';
import { renderListenPage } from './page.js';
import { writePlayer } from './player.js';
import {
  episodeRecordFromManifest,
  findEpisodeFiles,
  mergeEpisode,
  readStore,
  renderStore,
  storePath,
  type EpisodeRecord,
} from './store.js';
import { renderChapters, renderSrt, renderTranscriptJson, renderVtt, timelineCues } from './transcripts.js';

/**
 * Publishing one episode: everything is rendered first, then moved into place with
 * renames, so each published file is always either the old or the new version.
 */

export interface PublishInput {
  outDir: string;
  config: Config;
  configDir: string;
  edition: Edition;
  timeline: EpisodeTimeline;
  /** The freshly joined MP3 at a temporary path, or undefined to keep the published one. */
  mp3: string | undefined;
  bytes: number;
  /** Each article's own MP3 (`a2.mp3`): freshly joined at a temporary path, or undefined to keep the published one. */
  stories?: Array<{ id: string; mp3: string | undefined; bytes: number; durationSeconds: number }>;
  build: { key: string; loudness: LoudnessReport | undefined; stories?: Record<string, string> };
  /** Write feed.xml along with the store (default true). */
  feed?: boolean;
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

export function buildManifest(input: Omit<PublishInput, 'outDir' | 'mp3' | 'configDir'>): Manifest & { build: PublishInput['build'] } {
  const { edition, timeline, config } = input;
  const spans = articleSpans(edition, timeline);
  const articles = edition.articles.map((article, index) => {
    const span = spans[index]!;
    const story = input.stories?.find((entry) => entry.id === article.id);
    return {
      id: article.id,
      title: article.title,
      start: round(span.start),
      end: round(span.end),
      ...(story ? { audio: { url: `${story.id}.mp3`, durationSeconds: round(story.durationSeconds), bytes: story.bytes } } : {}),
      paragraphs: span.lines
        .filter((entry) => entry.line.role === 'paragraph')
        .map((entry) => ({ id: entry.line.paragraphId!, text: entry.line.text, start: round(entry.start), end: round(entry.end) })),
    };
  });
  return {
    version: 1,
    slug: edition.slug,
    title: edition.title,
    date: edition.date,
    ...(edition.description ? { description: edition.description } : {}),
    show: {
      title: config.show.title,
      author: config.show.author,
      ...remoteImage(edition.image ?? config.show.image),
      feed: feedUrlOf(config),
    },
    audio: { url: 'episode.mp3', durationSeconds: round(timeline.durationSeconds), bytes: input.bytes, type: 'audio/mpeg' },
    articles,
    build: input.build,
  };
}

function remoteImage(image: string | undefined): { image?: string } {
  return image && /^https?:\/\//i.test(image) ? { image } : {};
}

/**
 * Publishes one episode, in the order that keeps the feed and the store in step: the episode's
 * folder whole (all its files, or none), then the store and the feed together.
 */
export async function publishEpisode(input: PublishInput): Promise<Manifest> {
  const folder = path.join(input.outDir, input.edition.slug);
  const manifest = buildManifest(input);
  const cues = timelineCues(input.timeline);
  const page = renderListenPage({
    manifest,
    show: input.config.show,
    ...publicUrlsFor(input.config.show.baseUrl, manifest.slug),
    transcript: { vtt: 'transcript.vtt', srt: 'transcript.srt' },
  });
  await writePlayer(input.outDir);
  await publishFolder(folder, [
    ...(input.mp3 ? [{ name: 'episode.mp3', from: input.mp3 }] : []),
    ...(input.stories ?? []).flatMap((story) => (story.mp3 ? [{ name: `${story.id}.mp3`, from: story.mp3 }] : [])),
    { name: 'manifest.json', data: `${JSON.stringify(manifest, null, 2)}\n` },
    { name: 'chapters.json', data: renderChapters(manifest) },
    { name: 'transcript.vtt', data: renderVtt(cues) },
    { name: 'transcript.srt', data: renderSrt(cues) },
    { name: 'transcript.json', data: renderTranscriptJson(input.timeline) },
    { name: 'index.html', data: page },
  ]);
  const files = await findEpisodeFiles(input.outDir, manifest.slug);
  const image = remoteImage(input.edition.image).image;
  const record = episodeRecordFromManifest(manifest, { ...files, ...(image ? { image } : {}) }, { feedUrl: feedUrlOf(input.config) });
  await publishListing(input.outDir, input.config, record, { feed: input.feed ?? true });
  return manifest;
}

/**
 * Adds the episode to the store and the feed as one step: both are written in full beside their
 * targets first (where a full disk shows, leaving both as they were), then renamed one right
 * after the other, the store first. Should the process die between the two renames, the store
 * is ahead by this episode, and the next build or `audio-edition feed` writes it into the feed.
 * With `feed: false` (`build --no-feed`) only the store is written.
 */
async function publishListing(outDir: string, config: Config, record: EpisodeRecord, options: { feed: boolean }): Promise<void> {
  const store = mergeEpisode(await readStore(outDir), record);
  const files = [{ file: storePath(outDir), data: renderStore(store) }];
  if (options.feed) files.push({ file: path.join(outDir, FEED_FILE), data: (await renderFeedOnDisk(outDir, store, config)).xml });
  const staged: Array<{ file: string; temporary: string }> = [];
  try {
    for (const { file, data } of files) staged.push({ file, temporary: await stageFile(file, data) });
  } catch (error) {
    await Promise.all(staged.map((item) => rm(item.temporary, { force: true })));
    throw error;
  }
  await renameStaged(staged);
}
