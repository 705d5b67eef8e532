/**
 * What the player plays: the manifest read defensively, and the timeline drawn from it, the whole
 * episode or one story. Every time here is in seconds of the audio file the player loads.
 */
import type { Manifest, ManifestArticle, ManifestParagraph } from '../publish/manifest.js';

/** Seeking lands on MP3 frame boundaries, a few milliseconds early; don't show the previous paragraph. */
export const START_TOLERANCE = 0.1;

/** A transcript paragraph with what the player needs to find, show and mark it quickly. */
export interface Entry {
  paragraph: ManifestParagraph;
  article: ManifestArticle;
  element: HTMLElement;
  /** The paragraph's word spans and their start times, once transcript.json has arrived. */
  words: HTMLElement[];
  starts: number[];
}

export interface Timeline {
  /** The story played on its own (`article="a2"`), or null for the whole episode. */
  story: ManifestArticle | null;
  /** The articles shown, with times in seconds of `audioUrl`. */
  articles: ManifestArticle[];
  audioUrl: string;
  /** Episode seconds minus audio seconds: the story's start when it plays from its own MP3. */
  offset: number;
  /** The part of the file to play when it is not the whole file: a story inside the episode. */
  clip: { from: number; to: number } | null;
  /** The length the manifest gives, until the audio reports its own. */
  duration: number;
}

/** Checks the shape the player relies on, so a wrong file gets a message instead of a broken player. */
export function readManifest(data: unknown): Manifest {
  const value = data as Partial<Manifest> | null;
  if (!value || typeof value !== 'object' || !value.audio || typeof value.audio.url !== 'string' || !Array.isArray(value.articles)) {
    throw new Error('the file is not an audio-edition manifest');
  }
  const articles: ManifestArticle[] = value.articles.map((article, index) => ({
    id: String(article?.id ?? `a${index + 1}`),
    title: String(article?.title ?? ''),
    start: Number(article?.start) || 0,
    end: Number(article?.end) || 0,
    audio:
      typeof article?.audio?.url === 'string'
        ? { url: article.audio.url, durationSeconds: Number(article.audio.durationSeconds) || 0, bytes: 0 }
        : undefined,
    paragraphs: (Array.isArray(article?.paragraphs) ? article.paragraphs : []).map((paragraph, p) => ({
      id: String(paragraph?.id ?? `a${index + 1}-p${p + 1}`),
      text: String(paragraph?.text ?? ''),
      start: Number(paragraph?.start) || 0,
      end: Number(paragraph?.end) || 0,
    })),
  }));
  return {
    version: 1,
    slug: String(value.slug ?? ''),
    title: String(value.title ?? ''),
    date: String(value.date ?? ''),
    show: value.show && typeof value.show === 'object' ? value.show : undefined,
    audio: { url: value.audio.url, durationSeconds: Number(value.audio.durationSeconds) || 0, bytes: 0, type: 'audio/mpeg' },
    articles,
  };
}

/** Fetches and reads the manifest at `src`, and plans the timeline of the episode or of one story in it. */
export async function fetchEpisode(
  src: string,
  articleId: string | null,
  signal: AbortSignal,
): Promise<{ manifest: Manifest; manifestUrl: URL; timeline: Timeline }> {
  const manifestUrl = new URL(src, document.baseURI);
  const response = await fetch(manifestUrl.href, { mode: 'cors', credentials: 'omit', signal });
  if (!response.ok) throw new Error(`${manifestUrl.href} answered HTTP ${response.status}`);
  const manifest = readManifest(await response.json());
  return { manifest, manifestUrl, timeline: planTimeline(manifest, manifestUrl, articleId) };
}

/**
 * The whole episode, or with `articleId` that story alone: from its own MP3 when the manifest
 * lists one (its times are the manifest's minus the story's start), else the episode between
 * the story's start and end.
 */
export function planTimeline(manifest: Manifest, manifestUrl: URL, articleId: string | null): Timeline {
  const episodeUrl = new URL(manifest.audio.url, manifestUrl).href;
  if (articleId === null) {
    return {
      story: null,
      articles: manifest.articles,
      audioUrl: episodeUrl,
      offset: 0,
      clip: null,
      duration: manifest.audio.durationSeconds,
    };
  }
  const story = manifest.articles.find((article) => article.id === articleId);
  if (!story) throw new Error(`the episode has no story with the id “${articleId}”`);
  const own = story.audio;
  const offset = own ? story.start : 0;
  return {
    story,
    articles: [shiftArticle(story, offset)],
    audioUrl: own ? new URL(own.url, manifestUrl).href : episodeUrl,
    offset,
    clip: own ? null : { from: story.start, to: story.end },
    duration: own?.durationSeconds || story.end - story.start,
  };
}

function shiftArticle(article: ManifestArticle, by: number): ManifestArticle {
  return {
    ...article,
    start: article.start - by,
    end: article.end - by,
    paragraphs: article.paragraphs.map((paragraph) => ({ ...paragraph, start: paragraph.start - by, end: paragraph.end - by })),
  };
}

export function articleAt(articles: ManifestArticle[], time: number): ManifestArticle | null {
  let found: ManifestArticle | null = null;
  for (const article of articles) if (article.start - START_TOLERANCE <= time) found = article;
  return found;
}

/** The paragraph being read at `time`: none during intros and story titles, the last one during pauses. */
export function entryAt(entries: Entry[], article: ManifestArticle | null, time: number): Entry | null {
  let found: Entry | null = null;
  for (const entry of entries) {
    if (entry.paragraph.start - START_TOLERANCE > time) break;
    found = entry;
  }
  return found && found.article === article ? found : null;
}

/** The story "next" or "previous" goes to; "previous" restarts the current story unless it has only just begun. */
export function articleToJumpTo(
  articles: ManifestArticle[],
  currentId: string | null,
  time: number,
  direction: 1 | -1,
): ManifestArticle | undefined {
  const index = articles.findIndex((article) => article.id === currentId);
  const current = articles[index];
  if (direction < 0 && current && time - current.start > 3) return current;
  return articles[Math.max(0, Math.min(articles.length - 1, index + direction))];
}
