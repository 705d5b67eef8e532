import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { coverMime, type Id3Chapter, renderId3 } from '../audio/id3.js';
import { joinSegments } from '../audio/join.js';
import { SEGMENT_OVERHEAD } from '../audio/segment.js';
import type { Config } from '../config/schema.js';
import type { Edition } from '../edition/types.js';
import { articleSpans } from '../publish/spans.js';
import type { Arrangement } from './arrange.js';

/**
 * The MP3s of an episode, joined from its encoded segments without decoding: the episode with
 * its tags and one chapter per article, and each article's story on its own, with its own
 * title, cut from its first line to where the next story starts (or to its last word).
 */

export interface EpisodeTags {
  title: string;
  album: string;
  artist: string;
  date: string;
  comment?: string;
  /** A local image file to embed as cover art. */
  coverFile?: string;
}

export interface JoinedAudio {
  file: string;
  bytes: number;
  durationSeconds: number;
}

/** The whole arrangement as one MP3. */
export async function writeEpisodeAudio(input: {
  arrangement: Arrangement;
  tags: EpisodeTags;
  chapters: Id3Chapter[];
  outFile: string;
}): Promise<JoinedAudio> {
  return joinRange(
    input.arrangement,
    0,
    input.arrangement.segments.length,
    undefined,
    await renderTag(input.tags, input.chapters),
    input.outFile,
  );
}

export interface Story {
  /** The article's id: `a2`. */
  id: string;
  /** Its segments, [first, end). */
  first: number;
  end: number;
  /** Decoded samples: from its first line to its span's end, as far as its frames reach. */
  samples: number;
  /** Everything that shapes its bytes: equal keys give equal files. */
  key: string;
}

/** Where each article's story lies among the segments. */
export function storiesOf(edition: Edition, arrangement: Arrangement, tags: EpisodeTags): Story[] {
  const spans = articleSpans(edition, arrangement);
  return edition.articles.flatMap((article, i) => {
    const indexes = arrangement.lines.flatMap((entry, index) => (entry.line.articleId === article.id ? [index] : []));
    if (indexes.length === 0) return [];
    const first = indexes[0]!;
    const end = indexes[indexes.length - 1]! + 1;
    const span = spans[i]!;
    // Up to the span's end, but the last 1152 samples of a story's frames are LAME's padding:
    // where the next story follows, the story ends that much (26 ms of its pause) short.
    const held = arrangement.segments.slice(first, end).reduce((sum, placed) => sum + placed.segment.layout.samples, 0) - SEGMENT_OVERHEAD;
    const samples = Math.min(held, Math.round((span.end - span.start) * arrangement.sampleRate));
    const key = createHash('sha256')
      .update(
        JSON.stringify({
          segments: arrangement.segments.slice(first, end).map((s) => s.segment.key),
          samples,
          tags: storyTags(tags, article.title),
        }),
      )
      .digest('hex');
    return [{ id: article.id, first, end, samples, key }];
  });
}

export async function writeStoryAudio(input: {
  arrangement: Arrangement;
  story: Story;
  title: string;
  tags: EpisodeTags;
  outFile: string;
}): Promise<JoinedAudio> {
  const { arrangement, story } = input;
  const tag = await renderTag(storyTags(input.tags, input.title), []);
  return joinRange(arrangement, story.first, story.end, story.samples, tag, input.outFile);
}

function storyTags(tags: EpisodeTags, title: string): EpisodeTags {
  return { ...tags, title, comment: undefined };
}

async function joinRange(
  arrangement: Arrangement,
  first: number,
  end: number,
  samples: number | undefined,
  tag: Buffer,
  outFile: string,
): Promise<JoinedAudio> {
  const segments = arrangement.segments.slice(first, end);
  const result = await joinSegments({
    pieces: segments.map(({ segment }) => segment),
    sampleRate: arrangement.sampleRate,
    ...(samples === undefined ? {} : { lengthSamples: samples }),
    tag,
    encoder: segments.find(({ segment }) => segment.encoder)?.segment.encoder ?? 'LAME3.100',
    outFile,
  });
  return { file: outFile, bytes: result.bytes, durationSeconds: result.durationSeconds };
}

async function renderTag(tags: EpisodeTags, chapters: Id3Chapter[]): Promise<Buffer> {
  const data = tags.coverFile ? await readFile(tags.coverFile) : undefined;
  const mime = data && coverMime(data);
  return renderId3({
    title: tags.title,
    album: tags.album,
    artist: tags.artist,
    date: tags.date,
    ...(tags.comment ? { comment: tags.comment } : {}),
    chapters,
    ...(data && mime ? { cover: { mime, data } } : {}),
  });
}

/** One chapter per article, spanning what the manifest says the article spans. */
export function chaptersOf(edition: Edition, arrangement: Arrangement): Id3Chapter[] {
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
