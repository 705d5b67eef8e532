import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { Edition } from '../edition/types.js';
import type { LoudnessReport } from '../audio/stitch.js';
import { commitFile, writeFileAtomic } from './atomic.js';
import { baseUrlOf, feedUrlOf, writeFeed } from './feed.js';
import type { Manifest } from './manifest.js';
import { articleSpans, type EpisodeTimeline } from './spans.js';
import { renderListenPage } from './page.js';
import { writePlayer } from './player.js';
import { episodeRecordFromManifest, findEpisodeFiles, upsertEpisode } from './store.js';
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
  /** The freshly stitched MP3 at a temporary path, or undefined to keep the published one. */
  mp3: string | undefined;
  bytes: number;
  build: { key: string; loudness: LoudnessReport | undefined };
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

export function buildManifest(input: Omit<PublishInput, 'outDir' | 'mp3' | 'configDir'>): Manifest & { build: PublishInput['build'] } {
  const { edition, timeline, config } = input;
  const spans = articleSpans(edition, timeline);
  const articles = edition.articles.map((article, index) => {
    const span = spans[index]!;
    return {
      id: article.id,
      title: article.title,
      start: round(span.start),
      end: round(span.end),
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

export async function publishEpisode(input: PublishInput): Promise<Manifest> {
  const folder = path.join(input.outDir, input.edition.slug);
  const manifest = buildManifest(input);
  const cues = timelineCues(input.timeline);
  const base = baseUrlOf(input.config);
  const page = renderListenPage({
    manifest,
    show: input.config.show,
    feedUrl: feedUrlOf(input.config),
    playerUrl: new URL('player.js', base).href,
    manifestUrl: new URL(`${manifest.slug}/manifest.json`, base).href,
    transcript: { vtt: 'transcript.vtt', srt: 'transcript.srt' },
  });
  if (input.mp3) await commitFile(input.mp3, path.join(folder, 'episode.mp3'));
  await writeFileAtomic(path.join(folder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFileAtomic(path.join(folder, 'chapters.json'), renderChapters(manifest));
  await writeFileAtomic(path.join(folder, 'transcript.vtt'), renderVtt(cues));
  await writeFileAtomic(path.join(folder, 'transcript.srt'), renderSrt(cues));
  await writeFileAtomic(path.join(folder, 'transcript.json'), renderTranscriptJson(input.timeline));
  await writeFileAtomic(path.join(folder, 'index.html'), page);
  await writePlayer(input.outDir);
  const files = await findEpisodeFiles(input.outDir, manifest.slug);
  const image = remoteImage(input.edition.image).image;
  await upsertEpisode(
    input.outDir,
    episodeRecordFromManifest(manifest, { ...files, ...(image ? { image } : {}) }, { feedUrl: feedUrlOf(input.config) }),
  );
  return manifest;
}

export async function publishFeed(outDir: string, config: Config): Promise<string> {
  return writeFeed(outDir, config);
}
