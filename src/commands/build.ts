import path from 'node:path';
import { readFile, rm, stat } from 'node:fs/promises';
import type { LoudnessReport } from '../audio/loudness.js';
import type { Config } from '../config/schema.js';
import { readEdition } from '../edition/read.js';
import type { Edition } from '../edition/types.js';
import { tagsOf } from '../pipeline/encode.js';
import { type CheckedEpisode, checkEpisode, planEpisode, renderEpisode, type RenderedEpisode } from '../pipeline/episode.js';
import { summarizePlan, type PlanSummary } from '../pipeline/plan.js';
import { writeScript } from '../pipeline/script.js';
import { openSpeech } from '../pipeline/speech.js';
import type { Manifest } from '../publish/manifest.js';
import { profileMark, profileStage } from '../profile.js';

/**
 * The build, top to bottom: read every edition (bad input fails before anything is spent),
 * run each through the episode pipeline, then publish what it rendered and the feed, with
 * atomic renames.
 */

/** The publishers (and their XML and feed libraries) load while the first episode renders. */
function loadPublishers() {
  return Promise.all([import('../publish/episode.js'), import('../publish/lock.js')]).then(([episode, lock]) => ({
    publishEpisode: episode.publishEpisode,
    withOutputLock: lock.withOutputLock,
  }));
}

type Publishers = Awaited<ReturnType<typeof loadPublishers>>;

export interface BuildOptions {
  files: string[];
  config: Config;
  /** Relative paths in the config resolve against this folder. */
  configDir: string;
  outDir: string;
  engine?: string;
  voice?: string;
  concurrency?: number;
  force?: boolean;
  dryRun?: boolean;
  /** Update feed.xml after building (default true). */
  feed?: boolean;
  onEvent?: (event: BuildEvent) => void;
  /**
   * Stops the build: it rejects with the signal's reason once every worker and ffmpeg process
   * has stopped and every temporary file is removed. An episode already being published is
   * finished first (that takes a moment, and stopping halfway would split it from the feed);
   * the ones after it are not started. What was synthesized stays cached for the next build.
   */
  signal?: AbortSignal;
}

export type BuildEvent =
  | { type: 'edition'; file: string; slug: string; clips: number; cached: number }
  | { type: 'clip'; slug: string; done: number; total: number }
  | { type: 'episode'; episode: EpisodeResult }
  | { type: 'warning'; message: string };

export interface EpisodeResult extends PlanSummary {
  slug: string;
  title: string;
  audio: string;
  durationSeconds: number;
  articles: number;
  paragraphs: number;
  engine: string;
  voice: string;
  /** Paragraphs left out because nothing in them can be said (emoji, dashes), by id. */
  skipped?: string[];
  /** Segments encoded for this build, and segments found in the cache. */
  segments?: { encoded: number; cached: number };
  loudness?: { integratedLufs: number; truePeakDbtp: number; gainDb: number };
  /** True when nothing that shapes the episode changed and the MP3 was kept as it was. */
  reused?: boolean;
}

export interface BuildResult {
  dryRun?: true;
  episodes: EpisodeResult[];
  feed?: string;
}

export async function buildEditions(options: BuildOptions): Promise<BuildResult> {
  const { config, signal } = options;
  const emit = options.onEvent ?? (() => {});
  profileMark('start-up');
  const editions: Edition[] = [];
  let done = profileStage('read');
  for (const file of options.files) editions.push(await readEdition(file, { skip: config.edition.skip }));
  done();
  const publishers = options.dryRun ? undefined : loadPublishers();
  // Rejections surface where the publishers are awaited; do not let one go unhandled meanwhile.
  publishers?.catch(() => {});

  done = profileStage('engine');
  const speech = await openSpeech(options);
  done();
  const episodes: EpisodeResult[] = [];
  try {
    // Every edition's text is held against the voice before anything is spent on any of them.
    const checked: CheckedEpisode[] = [];
    for (const edition of editions) {
      signal?.throwIfAborted();
      checked.push(
        await checkEpisode(speech, {
          edition,
          lines: writeScript(edition, config),
          rewrite: (read) => writeScript(read, config),
          voice: options.voice,
          dryRun: options.dryRun,
          onWarning: (message) => emit({ type: 'warning', message }),
        }),
      );
    }
    for (const [index, edition] of editions.entries()) {
      signal?.throwIfAborted();
      const plan = await planEpisode(speech, checked[index]!, { force: options.force, warmUp: !options.dryRun });
      emit({
        type: 'edition',
        file: edition.file,
        slug: edition.slug,
        clips: plan.lines.length,
        cached: plan.lines.length - plan.missing.length,
      });
      const planned: EpisodeResult = {
        slug: edition.slug,
        title: edition.title,
        audio: path.join(options.outDir, edition.slug, 'episode.mp3'),
        durationSeconds: 0,
        articles: plan.edition.articles.length,
        paragraphs: plan.edition.articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
        ...summarizePlan(plan, speech),
        engine: plan.engine,
        voice: plan.voice,
        ...(plan.skipped.length > 0 ? { skipped: plan.skipped } : {}),
      };
      if (options.dryRun) {
        episodes.push(planned);
        continue;
      }
      const folder = path.join(options.outDir, edition.slug);
      const previous = await readPreviousManifest(folder);
      const rendered = await renderEpisode(speech, plan, {
        tags: await tagsOf(edition, config, options.configDir),
        chapters: true,
        force: options.force,
        reuse: async (key) =>
          !options.force && previous?.build?.key === key && (await sizeOf(path.join(folder, 'episode.mp3'))) === previous.audio.bytes,
        reuseStory: async (id, key) => {
          const audio = previous?.articles.find((article) => article.id === id)?.audio;
          return (
            !options.force &&
            previous?.build?.stories?.[id] === key &&
            audio !== undefined &&
            (await sizeOf(path.join(folder, audio.url))) === audio.bytes
          );
        },
        onClip: (count, total) => emit({ type: 'clip', slug: edition.slug, done: count, total }),
        signal,
      });
      const loaded = await publishers!;
      // The last moment to stop: from here the episode is published whole.
      if (signal?.aborted) {
        await removeRendered(rendered);
        signal.throwIfAborted();
      }
      // A clip found damaged in the cache was synthesized again: the rendered plan says so.
      const spent = { ...planned, ...summarizePlan(rendered.plan, speech) };
      const episode = await publish(plan.edition, rendered, previous, spent, options, loaded);
      episodes.push(episode);
      emit({ type: 'episode', episode });
    }
  } finally {
    done = profileStage('engine-close');
    await speech.close();
    done();
  }
  if (options.dryRun) return { dryRun: true, episodes, ...(options.feed === false ? {} : { feed: path.join(options.outDir, 'feed.xml') }) };
  // Each episode was added to the store and the feed as it was published.
  if (options.feed === false) return { episodes };
  return { episodes, feed: path.join(options.outDir, 'feed.xml') };
}

/** Moves the rendered episode into the output folder with its manifest, transcripts and page. */
async function publish(
  edition: Edition,
  rendered: RenderedEpisode,
  previous: PreviousManifest | undefined,
  planned: EpisodeResult,
  options: BuildOptions,
  { publishEpisode, withOutputLock }: Publishers,
): Promise<EpisodeResult> {
  const { arrangement, encoded, loudness } = rendered;
  const bytes = encoded ? encoded.bytes : previous!.audio.bytes;
  const stories = rendered.stories.map((story) => {
    const kept = previous?.articles.find((article) => article.id === story.id)?.audio;
    return { id: story.id, mp3: story.encoded?.file, bytes: story.encoded?.bytes ?? kept!.bytes, durationSeconds: story.durationSeconds };
  });
  const done = profileStage('publish');
  await withOutputLock(
    options.outDir,
    () =>
      publishEpisode({
        outDir: options.outDir,
        config: options.config,
        configDir: options.configDir,
        edition,
        timeline: arrangement,
        mp3: encoded?.file,
        bytes,
        stories,
        build: { key: rendered.key, loudness, stories: Object.fromEntries(rendered.stories.map((story) => [story.id, story.key])) },
        feed: options.feed !== false,
      }),
    { signal: options.signal },
  );
  done();
  return {
    ...planned,
    durationSeconds: Math.round(arrangement.durationSeconds * 1000) / 1000,
    segments: rendered.segments,
    ...(loudness
      ? {
          loudness: { integratedLufs: loudness.integrated, truePeakDbtp: loudness.truePeak, gainDb: Math.round(loudness.gain * 100) / 100 },
        }
      : {}),
    ...(encoded ? {} : { reused: true }),
  };
}

/** The staged MP3s of an episode that will not be published. */
async function removeRendered(rendered: RenderedEpisode): Promise<void> {
  const files = [rendered.encoded?.file, ...rendered.stories.map((story) => story.encoded?.file)];
  await Promise.all(files.map((file) => file && rm(file, { force: true })));
}

type PreviousManifest = Manifest & { build?: { key: string; loudness?: LoudnessReport; stories?: Record<string, string> } };

async function readPreviousManifest(folder: string): Promise<PreviousManifest | undefined> {
  try {
    return JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as PreviousManifest;
  } catch {
    return undefined;
  }
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}
