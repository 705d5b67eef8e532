import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EpisodeTags, LoudnessReport } from '../audio/stitch.js';
import type { Config } from '../config/schema.js';
import type { Edition, ScriptLine } from '../edition/types.js';
import { profileStage } from '../profile.js';
import { stagingFolder, stagingPath } from '../publish/atomic.js';
import type { Arrangement } from './arrange.js';
import { loadEditionLexicon } from './lexicon-sources.js';
import { localCacheDir } from './open-cache.js';
import { planLines, type Plan } from './plan.js';
import type { Speech } from './speech.js';
import { synthesizePlan } from './synthesize.js';
import { checkVoice, chooseVoice } from './voice.js';

/**
 * The episode, once, for build and preview alike: choose the voice → plan → synthesize →
 * arrange → encode. `planEpisode` stops before anything is spent (a dry run stops there);
 * `renderEpisode` does the rest and returns what it made, leaving publishing to the caller.
 */

export interface EpisodePlanOptions {
  edition: Edition;
  /** The script to read: the whole episode's, or a part of it. */
  lines: readonly ScriptLine[];
  /** `--voice`. */
  voice?: string;
  force?: boolean;
  dryRun?: boolean;
  onWarning?: (message: string) => void;
}

export async function planEpisode(speech: Speech, options: EpisodePlanOptions): Promise<Plan> {
  const { config, configDir } = speech.context;
  const { edition } = options;
  const voice = chooseVoice(speech, { voice: options.voice, edition });
  await checkVoice(speech, voice, { dryRun: options.dryRun === true, onWarning: options.onWarning ?? (() => {}) });
  const done = profileStage('plan');
  const lexicon = await loadEditionLexicon(config, configDir, edition);
  const plan = await planLines(options.lines, speech, {
    voice,
    language: edition.language ?? config.show.language,
    lexicon,
    force: options.force === true,
  });
  done();
  return plan;
}

export interface RenderOptions {
  edition: Edition;
  tags: EpisodeTags;
  /** Write one chapter per article (an episode); a preview has none. */
  chapters: boolean;
  /** Whether an MP3 rendered from exactly this key is already published and can be kept as it is. */
  reuse?: (key: string) => Promise<boolean>;
  onClip?: (done: number, total: number) => void;
  onEncode?: (seconds: number, total: number) => void;
}

export interface RenderedEpisode {
  plan: Plan;
  /** Where every line's voice is in the episode, and the audio segments in order. */
  arrangement: Arrangement;
  /** Everything that shapes the episode's audio and tags: equal keys give equal MP3s. */
  key: string;
  /** The new MP3 in the staging folder (outside the output folder), or absent when `reuse` kept the old one. */
  encoded?: { file: string; loudness: LoudnessReport };
}

export async function renderEpisode(speech: Speech, plan: Plan, options: RenderOptions): Promise<RenderedEpisode> {
  const { config, configDir } = speech.context;
  const { edition } = options;
  // The later stages (and ffmpeg's one-time format check) load while the clips are synthesized.
  const later = loadLaterStages();
  later.catch(() => {});
  let done = profileStage('synthesize');
  const voiced = await synthesizePlan(edition, plan, speech, options.onClip);
  done();
  const { arrangeEpisode, encodeEpisode, chaptersOf } = await later;
  const arrangement = await arrangeEpisode(voiced, config.audio, configDir);
  const key = await episodeKey(plan, edition, config, configDir);
  if (await options.reuse?.(key)) return { plan, arrangement, key };
  done = profileStage('stitch');
  const file = stagingPath(await stagingFolder(localCacheDir(config, configDir)), `${edition.slug}.mp3`);
  try {
    const loudness = await encodeEpisode({
      arrangement,
      chapters: options.chapters ? chaptersOf(edition, arrangement) : [],
      tags: options.tags,
      audio: config.audio,
      outFile: file,
      onProgress: (seconds) => options.onEncode?.(seconds, arrangement.durationSeconds),
    });
    done();
    return { plan, arrangement, key, encoded: { file, loudness } };
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

function loadLaterStages() {
  return Promise.all([import('./arrange.js'), import('./encode.js'), import('../audio/ffmpeg.js')]).then(([arrange, encode, ffmpeg]) => {
    ffmpeg.warmUpFfmpeg();
    return { arrangeEpisode: arrange.arrangeEpisode, encodeEpisode: encode.encodeEpisode, chaptersOf: encode.chaptersOf };
  });
}

async function episodeKey(plan: Plan, edition: Edition, config: Config, configDir: string): Promise<string> {
  return createHash('sha256')
    .update(
      JSON.stringify({
        v: 2,
        music: await musicStamp(config, configDir),
        clips: plan.lines.map((item) => [item.key, item.line.pauseAfter]),
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

/** Music files by size and modification time, so replacing one re-renders the episode. */
async function musicStamp(config: Config, configDir: string): Promise<unknown> {
  const files = [config.audio.introMusic?.file, config.audio.outroMusic?.file].filter((f): f is string => Boolean(f));
  return Promise.all(
    files.map(async (file) => {
      const info = await stat(path.resolve(configDir, file)).catch(() => undefined);
      return [file, info?.size, info?.mtimeMs];
    }),
  );
}
