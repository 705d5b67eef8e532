import { createHash } from 'node:crypto';
import path from 'node:path';
import { readFile, rm, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import type { Config } from '../config/schema.js';
import { readEdition } from '../edition/read.js';
import type { Edition } from '../edition/types.js';
import { createEngine } from '../engines/index.js';
import type { LoudnessReport } from '../audio/stitch.js';
import { localCacheDir, openClipCache } from '../pipeline/open-cache.js';
import type { SpeechEngine } from '../engines/types.js';
import { AudioEditionError } from '../errors.js';
import { planLines, synthesizeMissing, type PlannedLine } from '../pipeline/synthesize.js';
import { writeScript } from '../pipeline/script.js';
import { loadEditionLexicon } from '../pipeline/lexicon-sources.js';
import { stagingFolder, stagingPath } from '../publish/atomic.js';
import { articleSpans } from '../publish/spans.js';
import type { Manifest } from '../publish/manifest.js';
import { profileMark, profileStage } from '../profile.js';

/**
 * The build, top to bottom: read every edition (bad input fails before anything is spent),
 * plan each episode's script, look clips up in the cache, synthesize what is missing on all
 * cores, stitch the episode, then publish its files and the feed with atomic renames.
 */

/**
 * What runs after synthesis (ffmpeg, the stitcher, the publishers and their XML and feed
 * libraries) loads while the clips are synthesized, rather than before the first one starts.
 * fluent-ffmpeg's one-time check of ffmpeg's formats and encoders runs then too.
 */
function loadLaterStages() {
  return Promise.all([
    import('../pipeline/arrange.js'),
    import('../audio/stitch.js'),
    import('../audio/ffmpeg.js'),
    import('../publish/episode.js'),
    import('../publish/lock.js'),
  ]).then(([arrange, stitch, ffmpeg, episode, lock]) => {
    ffmpeg.warmUpFfmpeg();
    return {
      arrangeEpisode: arrange.arrangeEpisode,
      stitchEpisode: stitch.stitchEpisode,
      publishEpisode: episode.publishEpisode,
      withOutputLock: lock.withOutputLock,
    };
  });
}

type LaterStages = Awaited<ReturnType<typeof loadLaterStages>>;

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
}

export type BuildEvent =
  | { type: 'edition'; file: string; slug: string; clips: number; cached: number }
  | { type: 'clip'; slug: string; done: number; total: number }
  | { type: 'stitch'; slug: string; seconds: number; total: number }
  | { type: 'episode'; episode: EpisodeResult }
  | { type: 'warning'; message: string };

export interface EpisodeResult {
  slug: string;
  title: string;
  audio: string;
  durationSeconds: number;
  articles: number;
  paragraphs: number;
  clips: { synthesized: number; cached: number };
  characters: { total: number; synthesized: number };
  estimatedCostUsd: number;
  /** What the clips reused from the cache would have cost. */
  estimatedSavingsUsd: number;
  engine: string;
  voice: string;
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
  const { config } = options;
  const emit = options.onEvent ?? (() => {});
  profileMark('start-up');
  const skip = config.edition.skip;
  const editions: Edition[] = [];
  let done = profileStage('read');
  for (const file of options.files) editions.push(await readEdition(file, { skip }));
  done();
  const later = options.dryRun ? undefined : loadLaterStages();
  // Rejections surface where the stages are awaited; do not let one go unhandled meanwhile.
  later?.catch(() => {});

  const engineId = options.engine ?? config.speech.engine;
  done = profileStage('engine');
  const engine = await createEngine(engineId, { config, configDir: options.configDir, concurrency: options.concurrency });
  done();
  const cache = await openClipCache(config, options.configDir);
  const limit = pLimit(options.concurrency ?? config.speech.concurrency ?? engine.defaultConcurrency);
  const episodes: EpisodeResult[] = [];
  try {
    for (const edition of editions) {
      const voice =
        options.voice ?? edition.voice ?? (engineId === config.speech.engine ? config.speech.voice : undefined) ?? engine.defaultVoice;
      await checkVoiceUnlessPlanning(engine, voice, options.dryRun === true, emit);
      done = profileStage('plan');
      const lexicon = await loadEditionLexicon(config, options.configDir, edition);
      const language = edition.language ?? config.show.language;
      const plan = await planLines(writeScript(edition, config), {
        engine,
        cache,
        voice,
        language,
        lexicon,
        force: options.force ?? false,
      });
      done();
      const missing = plan.filter((item) => !item.cached);
      const billed = (items: PlannedLine[]) => items.reduce((sum, item) => sum + item.request.billedCharacters, 0);
      const characters = (items: PlannedLine[]) => items.reduce((sum, item) => sum + item.line.text.length, 0);
      emit({ type: 'edition', file: edition.file, slug: edition.slug, clips: plan.length, cached: plan.length - missing.length });
      const base: EpisodeResult = {
        slug: edition.slug,
        title: edition.title,
        audio: path.join(options.outDir, edition.slug, 'episode.mp3'),
        durationSeconds: 0,
        articles: edition.articles.length,
        paragraphs: edition.articles.reduce((sum, article) => sum + article.paragraphs.length, 0),
        clips: { synthesized: missing.length, cached: plan.length - missing.length },
        characters: { total: characters(plan), synthesized: characters(missing) },
        estimatedCostUsd: roundCost(engine.estimateCostUsd(billed(missing), voice)),
        estimatedSavingsUsd: roundCost(engine.estimateCostUsd(billed(plan) - billed(missing), voice)),
        engine: engine.id,
        voice,
      };
      if (options.dryRun) {
        episodes.push(base);
        continue;
      }
      done = profileStage('synthesize');
      await synthesizeMissing(edition, plan, {
        engine,
        cache,
        limit,
        onClip: (count) => emit({ type: 'clip', slug: edition.slug, done: count, total: missing.length }),
      });
      done();
      const episode = await renderEpisode(edition, plan, { ...options, voice, engineId: engine.id }, base, emit, await later!);
      episodes.push(episode);
      emit({ type: 'episode', episode });
    }
  } finally {
    done = profileStage('engine-close');
    await engine.close();
    cache.close();
    done();
  }
  if (options.dryRun) return { dryRun: true, episodes, ...(options.feed === false ? {} : { feed: path.join(options.outDir, 'feed.xml') }) };
  // Each episode was added to the store and the feed as it was published.
  if (options.feed === false) return { episodes };
  return { episodes, feed: path.join(options.outDir, 'feed.xml') };
}

/**
 * Checks the voice with the engine. A dry run only plans and prices, so one made without
 * credentials goes on with a warning instead of failing.
 */
async function checkVoiceUnlessPlanning(
  engine: SpeechEngine,
  voice: string,
  dryRun: boolean,
  emit: (event: BuildEvent) => void,
): Promise<void> {
  try {
    await engine.checkVoice(voice);
  } catch (error) {
    if (!dryRun || !(error instanceof AudioEditionError) || error.code !== 'E_GOOGLE_CREDENTIALS') throw error;
    emit({ type: 'warning', message: `voice "${voice}" not checked: ${error.message}` });
  }
}

function roundCost(usd: number): number {
  return Math.round(usd * 10000) / 10000;
}

/** Everything that shapes the episode's audio and tags; equal keys mean the MP3 can be kept. */
function episodeKey(plan: PlannedLine[], edition: Edition, config: Config, music: unknown): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        v: 2,
        music,
        clips: plan.map((item) => [item.key, item.line.pauseAfter]),
        audio: config.audio,
        show: config.show,
        title: edition.title,
        date: edition.date,
        description: edition.description,
        articles: edition.articles.map((a) => a.title),
      }),
    )
    .digest('hex');
}

async function renderEpisode(
  edition: Edition,
  plan: PlannedLine[],
  options: BuildOptions & { voice: string; engineId: string },
  base: EpisodeResult,
  emit: (event: BuildEvent) => void,
  { arrangeEpisode, stitchEpisode, publishEpisode, withOutputLock }: LaterStages,
): Promise<EpisodeResult> {
  const { config, outDir } = options;
  const arrangement = await arrangeEpisode(
    plan.map((item) => ({ line: item.line, clip: item.cached! })),
    config.audio,
    options.configDir,
  );
  const { segments, lines } = arrangement;
  const timeline = { durationSeconds: arrangement.durationSeconds };
  const key = episodeKey(plan, edition, config, await musicStamp(config, options.configDir));
  const folder = path.join(outDir, edition.slug);
  const finalMp3 = path.join(folder, 'episode.mp3');

  const previous = await readPreviousManifest(folder);
  const keep = !options.force && previous?.build?.key === key && (await sizeOf(finalMp3)) === previous.audio.bytes;
  let loudness: LoudnessReport | undefined = keep ? previous?.build?.loudness : undefined;
  let temporaryMp3: string | undefined;
  if (!keep) {
    const endStitch = profileStage('stitch');
    temporaryMp3 = stagingPath(await stagingFolder(localCacheDir(config, options.configDir)), `${edition.slug}.mp3`);
    const chapters = articleSpans(edition, { lines, durationSeconds: timeline.durationSeconds }).map((span, i) => ({
      title: edition.articles[i]!.title,
      start: span.start,
      end: span.end,
    }));
    try {
      const stitched = await stitchEpisode({
        segments,
        chapters,
        tags: {
          title: edition.title,
          album: config.show.title,
          artist: config.show.author,
          date: edition.date,
          comment: edition.description ?? config.show.description,
          coverFile: await localCover(config, options.configDir),
        },
        audio: config.audio,
        outFile: temporaryMp3,
        onProgress: (seconds) => emit({ type: 'stitch', slug: edition.slug, seconds, total: timeline.durationSeconds }),
      });
      loudness = stitched.loudness;
    } catch (error) {
      await rm(temporaryMp3, { force: true });
      throw error;
    }
    endStitch();
  }
  const bytes = keep ? previous!.audio.bytes : (await stat(temporaryMp3!)).size;
  const endPublish = profileStage('publish');
  await withOutputLock(outDir, () =>
    publishEpisode({
      outDir,
      config,
      configDir: options.configDir,
      edition,
      timeline: { lines, durationSeconds: timeline.durationSeconds },
      mp3: temporaryMp3,
      bytes,
      build: { key, loudness },
      feed: options.feed !== false,
    }),
  );
  endPublish();
  return {
    ...base,
    durationSeconds: Math.round(timeline.durationSeconds * 1000) / 1000,
    ...(loudness
      ? {
          loudness: { integratedLufs: loudness.integrated, truePeakDbtp: loudness.truePeak, gainDb: Math.round(loudness.gain * 100) / 100 },
        }
      : {}),
    ...(keep ? { reused: true } : {}),
  };
}

type PreviousManifest = Manifest & { build?: { key: string; loudness?: LoudnessReport } };

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

/** Music files by size and modification time, so replacing one re-stitches the episode. */
async function musicStamp(config: Config, configDir: string): Promise<unknown> {
  const files = [config.audio.introMusic?.file, config.audio.outroMusic?.file].filter((f): f is string => Boolean(f));
  return Promise.all(
    files.map(async (file) => {
      const info = await stat(path.resolve(configDir, file)).catch(() => undefined);
      return [file, info?.size, info?.mtimeMs];
    }),
  );
}

/** `show.image` as a local file (relative to the config), for ID3 cover art. */
async function localCover(config: Config, configDir: string): Promise<string | undefined> {
  const image = config.show.image;
  if (!image || /^[a-z]+:\/\//i.test(image)) return undefined;
  const file = path.resolve(configDir, image);
  return (await sizeOf(file)) ? file : undefined;
}
