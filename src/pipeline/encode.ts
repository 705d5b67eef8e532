import { stat } from 'node:fs/promises';
import path from 'node:path';
import { stitchEpisode, type Chapter, type EpisodeTags, type LoudnessReport } from '../audio/stitch.js';
import type { AudioConfig, Config } from '../config/schema.js';
import type { Edition } from '../edition/types.js';
import { articleSpans } from '../publish/spans.js';
import type { Arrangement } from './arrange.js';

/**
 * The encode stage, behind this one function: the arranged episode becomes one MP3 at the
 * loudness target, with its tags and one chapter per article.
 */
export async function encodeEpisode(input: {
  arrangement: Arrangement;
  chapters: Chapter[];
  tags: EpisodeTags;
  audio: AudioConfig;
  outFile: string;
  onProgress?: (seconds: number) => void;
}): Promise<LoudnessReport> {
  const { loudness } = await stitchEpisode({
    segments: input.arrangement.segments,
    chapters: input.chapters,
    tags: input.tags,
    audio: input.audio,
    outFile: input.outFile,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });
  return loudness;
}

/** One chapter per article, spanning what the manifest says the article spans. */
export function chaptersOf(edition: Edition, arrangement: Arrangement): Chapter[] {
  return articleSpans(edition, arrangement).map((span, i) => ({ title: edition.articles[i]!.title, start: span.start, end: span.end }));
}

/** The episode's ID3 tags; `show.image` as a local file (relative to the config) is the cover art. */
export async function tagsOf(edition: Edition, config: Config, configDir: string): Promise<EpisodeTags> {
  return {
    title: edition.title,
    album: config.show.title,
    artist: config.show.author,
    date: edition.date,
    comment: edition.description ?? config.show.description,
    coverFile: await localCover(config, configDir),
  };
}

async function localCover(config: Config, configDir: string): Promise<string | undefined> {
  const image = config.show.image;
  if (!image || /^[a-z]+:\/\//i.test(image)) return undefined;
  const file = path.resolve(configDir, image);
  const size = await stat(file).then(
    (info) => info.size,
    () => 0,
  );
  return size ? file : undefined;
}
