import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { AudioEditionError } from '../errors.js';
import type { Manifest } from './manifest.js';

/**
 * `output/episodes.json`: every episode ever built, one record per edition slug, holding all the
 * feed needs so `audio-edition feed` can rewrite feed.xml without reading editions or audio.
 * Records are only ever added or replaced, never dropped: the feed decides how many to show.
 */

export const STORE_FILE = 'episodes.json';

/** The Podcasting 2.0 namespace for `podcast:guid` (UUIDv5 of the feed URL). */
export const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

const storySchema = z.strictObject({ title: z.string(), summary: z.string() });

const recordSchema = z.strictObject({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  /** Assigned on the first build and never changed, so apps never show an episode twice. */
  guid: z.string().min(1),
  title: z.string(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The edition's own description (front matter), if it has one. */
  description: z.string().optional(),
  /** Each article's title and first paragraph: the source of the item's HTML description. */
  stories: z.array(storySchema),
  /** Paths are relative to the output folder, with forward slashes. */
  audio: z.strictObject({
    file: z.string(),
    bytes: z.int().min(0),
    durationSeconds: z.number().min(0),
    type: z.literal('audio/mpeg'),
  }),
  chapters: z.string().optional(),
  transcripts: z.strictObject({ vtt: z.string().optional(), srt: z.string().optional(), json: z.string().optional() }).optional(),
  /** The listen page, `<slug>/index.html`, when it was written. */
  page: z.string().optional(),
  /** Episode artwork as an absolute URL; the show's image is used when absent. */
  image: z.string().optional(),
  /** When the edition was first built; kept across rebuilds and never written into the feed. */
  createdAt: z.string(),
  /** When the edition was last built. */
  updatedAt: z.string(),
});

const storeSchema = z.strictObject({
  version: z.literal(1),
  episodes: z.array(recordSchema),
});

export type EpisodeRecord = z.infer<typeof recordSchema>;
export type Store = z.infer<typeof storeSchema>;

export function storePath(outDir: string): string {
  return path.join(outDir, STORE_FILE);
}

/** Reads the store; a missing file is an empty store, a damaged one is an error (and is left alone). */
export async function readStore(outDir: string): Promise<Store> {
  const file = storePath(outDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, episodes: [] };
    throw storeError(file, `cannot be read (${(error as Error).message}).`, error);
  }
  return parseStore(text, file);
}

/** Validates the text of an episode store; `file` names it in errors (a path or an s3:// URL). */
export function parseStore(text: string, file: string): Store {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw storeError(file, `is not valid JSON (${(error as Error).message}).`, error);
  }
  const result = storeSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.map(String).join('.') || '(root)';
    throw storeError(file, `is not a valid episode store (${where}: ${issue.message}).`, result.error);
  }
  return result.data;
}

/** The store with `record` added, or replacing the record of its slug (keeping GUID and first build). */
export function mergeEpisode(store: Store, record: EpisodeRecord): Store {
  const parsed = recordSchema.parse(record);
  const index = store.episodes.findIndex((episode) => episode.slug === parsed.slug);
  const previous = index === -1 ? undefined : store.episodes[index]!;
  const merged: EpisodeRecord = previous ? { ...parsed, guid: previous.guid, createdAt: previous.createdAt } : parsed;
  const episodes = [...store.episodes];
  if (index === -1) episodes.push(merged);
  else episodes[index] = merged;
  return { version: 1, episodes: sortEpisodes(episodes) };
}

export function renderStore(store: Store): string {
  return `${JSON.stringify(store, null, 2)}\n`;
}

/** Newest first: by edition date, then by first build (two editions on one day), then slug. */
export function sortEpisodes(episodes: EpisodeRecord[]): EpisodeRecord[] {
  return [...episodes].sort(
    (a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || b.slug.localeCompare(a.slug),
  );
}

/** The feed's `podcast:guid`: UUIDv5 of its URL without scheme and trailing slashes. */
export function podcastGuid(feedUrl: string): string {
  const normalized = feedUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  return uuidv5(normalized, PODCAST_GUID_NAMESPACE);
}

/** An episode GUID: UUIDv5 of the slug under the feed's own GUID, so two shows never collide. */
export function episodeGuid(slug: string, feedUrl: string | undefined): string {
  return uuidv5(slug, feedUrl ? podcastGuid(feedUrl) : PODCAST_GUID_NAMESPACE);
}

/** Sidecar files of one episode, as names inside its folder; only the ones that exist. */
export interface EpisodeFiles {
  chapters?: string;
  vtt?: string;
  srt?: string;
  json?: string;
  page?: string;
  /** Episode artwork as an absolute URL. */
  image?: string;
}

/** Which of the usual sidecar files exist in `<outDir>/<slug>/`. */
export async function findEpisodeFiles(outDir: string, slug: string): Promise<EpisodeFiles> {
  const candidates = {
    chapters: 'chapters.json',
    vtt: 'transcript.vtt',
    srt: 'transcript.srt',
    json: 'transcript.json',
    page: 'index.html',
  } as const;
  const files: EpisodeFiles = {};
  for (const [key, name] of Object.entries(candidates) as [keyof typeof candidates, string][]) {
    if (await isFile(path.join(outDir, slug, name))) files[key] = name;
  }
  return files;
}

/**
 * The store record for a freshly built episode. `feedUrl` (default: the manifest's `show.feed`)
 * seeds the GUID of a new edition; an existing edition keeps its GUID whatever is passed here.
 */
export function episodeRecordFromManifest(
  manifest: Manifest,
  files: EpisodeFiles,
  options: { feedUrl?: string; now?: Date } = {},
): EpisodeRecord {
  const folder = (name: string) => `${manifest.slug}/${name}`;
  const now = (options.now ?? new Date()).toISOString();
  const transcripts = {
    ...(files.vtt ? { vtt: folder(files.vtt) } : {}),
    ...(files.srt ? { srt: folder(files.srt) } : {}),
    ...(files.json ? { json: folder(files.json) } : {}),
  };
  return {
    slug: manifest.slug,
    guid: episodeGuid(manifest.slug, options.feedUrl ?? manifest.show?.feed),
    title: manifest.title,
    date: manifest.date,
    ...(manifest.description ? { description: manifest.description } : {}),
    stories: manifest.articles.map((article) => ({ title: article.title, summary: article.paragraphs[0]?.text ?? '' })),
    audio: {
      file: folder(manifest.audio.url),
      bytes: manifest.audio.bytes,
      durationSeconds: manifest.audio.durationSeconds,
      type: 'audio/mpeg',
    },
    ...(files.chapters ? { chapters: folder(files.chapters) } : {}),
    ...(Object.keys(transcripts).length > 0 ? { transcripts } : {}),
    ...(files.page ? { page: folder(files.page) } : {}),
    ...(files.image ? { image: files.image } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function storeError(file: string, problem: string, cause: unknown): AudioEditionError {
  return new AudioEditionError('E_STORE_INVALID', `the episode store ${problem}`, {
    exitCode: 1,
    location: { file },
    cause,
    hint: 'It was left untouched: repair it, or restore it from the published copy of output/episodes.json.',
  });
}
