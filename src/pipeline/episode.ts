import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { warmUpFfmpeg } from '../audio/ffmpeg.js';
import type { LoudnessReport } from '../audio/loudness.js';
import type { Config } from '../config/schema.js';
import type { Edition, ScriptLine } from '../edition/types.js';
import type { LexiconEntry } from '../text/lexicon.js';
import { DamagedCacheError, settleAll } from '../errors.js';
import { profileStage } from '../profile.js';
import { stagingFolder, stagingPath } from '../publish/atomic.js';
import { type Arrangement, arrangeEpisode, type LineSegment } from './arrange.js';
import { chaptersOf, type EpisodeTags, type JoinedAudio, type Story, storiesOf, writeEpisodeAudio, writeStoryAudio } from './encode.js';
import { loadEditionLexicon } from './lexicon-sources.js';
import { localCacheDir } from './open-cache.js';
import { planLines, type Plan } from './plan.js';
import { checkReadable, type ReadableScript } from './readable.js';
import { encoderIdentity, SegmentCache } from './segment-cache.js';
import { SegmentEncoder } from './segment-encoder.js';
import { encodeSettings, estimateLoudness, segmentForLine } from './segments.js';
import type { Speech } from './speech.js';
import { synthesizePlan, type VoicedLine } from './synthesize.js';
import { checkVoice, chooseVoice } from './voice.js';

/**
 * The episode, once, for build and preview alike: choose the voice → check the text → plan →
 * synthesize and encode segments → arrange → join. `checkEpisode` and `planEpisode` stop before
 * anything is spent (a dry run stops there); `renderEpisode` does the rest and returns what it
 * made, leaving publishing to the caller. A build checks every edition before it plans any.
 */

export interface EpisodeCheckOptions {
  edition: Edition;
  /** The script to read: the whole episode's, or a part of it. */
  lines: readonly ScriptLine[];
  /**
   * Writes the script again for the edition as it is read, when whole articles are left out
   * (a build's intro counts the stories). A part has no intro and leaves this out.
   */
  rewrite?: (edition: Edition) => ScriptLine[];
  /** `--voice`. */
  voice?: string;
  dryRun?: boolean;
  onWarning?: (message: string) => void;
}

/** An edition's script held against the voice: what is read, and what it is read with. */
export interface CheckedEpisode extends ReadableScript {
  voice: string;
  /** BCP 47: the edition's, else `show.language`. */
  language: string;
  lexicon: LexiconEntry[];
}

/**
 * Chooses the voice and holds the script against it, before anything is spent: text the voice
 * cannot read stops here (exit 2), text with nothing to say is left out with a warning.
 */
export async function checkEpisode(speech: Speech, options: EpisodeCheckOptions): Promise<CheckedEpisode> {
  const { config, configDir } = speech.context;
  const { edition } = options;
  const onWarning = options.onWarning ?? (() => {});
  const voice = chooseVoice(speech, { voice: options.voice, edition });
  await checkVoice(speech, voice, { dryRun: options.dryRun === true, onWarning });
  const lexicon = await loadEditionLexicon(config, configDir, edition);
  const language = edition.language ?? config.show.language;
  const reading = {
    definition: speech.definition,
    voice,
    language,
    languageFrom: edition.language ? 'edition' : 'config',
    lexicon,
  } as const;
  const readable = checkReadable(edition, options.lines, { ...reading, onWarning });
  if (options.rewrite && readable.edition.articles.length < edition.articles.length) {
    // Its warnings were given the first time.
    const again = checkReadable(readable.edition, options.rewrite(readable.edition), { ...reading, onWarning: () => {} });
    return { ...again, skipped: readable.skipped, voice, language, lexicon };
  }
  return { ...readable, voice, language, lexicon };
}

/** A plan for an edition: its lines, and the edition as it is read (without paragraphs that say nothing). */
export interface EpisodePlan extends Plan {
  edition: Edition;
  /** Paragraphs left out because nothing in them can be said, by id. */
  skipped: string[];
}

export async function planEpisode(
  speech: Speech,
  checked: CheckedEpisode,
  /** `warmUp`: start the engine up as soon as a line to synthesize is found (not for a dry run). */
  options: { force?: boolean; warmUp?: boolean } = {},
): Promise<EpisodePlan> {
  const done = profileStage('plan');
  const { voice, language, lexicon } = checked;
  const plan = await planLines(checked.lines, speech, {
    voice,
    language,
    lexicon,
    force: options.force === true,
    warmUp: options.warmUp === true,
  });
  done();
  return { ...plan, edition: checked.edition, skipped: checked.skipped };
}

export interface RenderOptions {
  tags: EpisodeTags;
  /** Render an episode: one chapter per article, and each article's story MP3. A preview has neither. */
  chapters: boolean;
  force?: boolean;
  /** Whether an MP3 rendered from exactly this key is already published and can be kept as it is. */
  reuse?: (key: string) => Promise<boolean>;
  /** The same for a story's MP3 (`a2.mp3`). */
  reuseStory?: (id: string, key: string) => Promise<boolean>;
  onClip?: (done: number, total: number) => void;
  /**
   * Calls the render off: synthesis stops, ffmpeg processes are killed, the staged and temporary
   * files are removed, and it rejects with the signal's reason once nothing it started runs.
   * Clips and segments already finished stay cached.
   */
  signal?: AbortSignal;
}

export interface RenderedStory extends Story {
  /** The new MP3 in the staging folder, or absent when `reuseStory` kept the published one. */
  encoded?: JoinedAudio;
  durationSeconds: number;
}

export interface RenderedEpisode {
  plan: EpisodePlan;
  /** Where every line's voice is in the episode, and the audio segments in order. */
  arrangement: Arrangement;
  /** Everything that shapes the episode's audio and tags: equal keys give equal MP3s. */
  key: string;
  /** Segments encoded for this render, and segments found in the cache. */
  segments: { encoded: number; cached: number };
  loudness: LoudnessReport;
  /** The new MP3 in the staging folder (outside the output folder), or absent when `reuse` kept the old one. */
  encoded?: JoinedAudio;
  stories: RenderedStory[];
}

/**
 * Synthesis and encoding overlap: each line's segment is looked up, or queued for encoding,
 * the moment its clip exists, so the cores that synthesize also encode. Then the segments are
 * laid end to end and joined into the MP3s, which takes no encoding at all.
 *
 * Cached clips and segments are checked against their checksums where they are read. Those
 * found damaged are forgotten and the render runs again, synthesizing or encoding just them
 * (everything else is in the cache by then); the plan it returns says what was synthesized.
 */
export async function renderEpisode(speech: Speech, plan: EpisodePlan, options: RenderOptions): Promise<RenderedEpisode> {
  // Segments encoded by renders that found damage: they count as encoded by this one.
  const earlier = { encoded: 0 };
  for (let attempt = 1; ; attempt++) {
    try {
      const rendered = await renderOnce(speech, plan, options, earlier);
      const { encoded, cached } = rendered.segments;
      return { ...rendered, segments: { encoded: encoded + earlier.encoded, cached: cached - earlier.encoded } };
    } catch (error) {
      if (!(error instanceof DamagedCacheError) || attempt === MAX_RENDERS) throw error;
      await forgetDamaged(error.files);
      plan = withoutClips(plan, new Set(error.files));
    }
  }
}

/** A second render makes what the first found damaged; a third covers a clip made again whose segment was damaged too. */
const MAX_RENDERS = 3;

/** Removes damaged cache entries: their JSON first, so no reader takes the entry for whole meanwhile. */
async function forgetDamaged(files: string[]): Promise<void> {
  for (const file of files) {
    await rm(file.replace(/\.[^./\\]+$/, '.json'), { force: true });
    await rm(file, { force: true });
  }
}

/** The plan with the clips in `files` to be synthesized again. */
function withoutClips(plan: EpisodePlan, files: ReadonlySet<string>): EpisodePlan {
  const lines = plan.lines.map((item) => (item.cached && files.has(item.cached.pcmFile) ? { ...item, cached: undefined } : item));
  return { ...plan, lines, missing: lines.filter((item) => !item.cached) };
}

async function renderOnce(
  speech: Speech,
  plan: EpisodePlan,
  options: RenderOptions,
  earlier: { encoded: number },
): Promise<RenderedEpisode> {
  const { config, configDir } = speech.context;
  const { edition } = plan;
  const { signal } = options;
  signal?.throwIfAborted();
  if (config.audio.introMusic || config.audio.outroMusic) warmUpFfmpeg();
  const staging = await stagingFolder(localCacheDir(config, configDir));
  const encoder = new SegmentEncoder(new SegmentCache(localCacheDir(config, configDir)), encodeSettings(config.audio), {
    concurrency: availableParallelism(),
    force: options.force === true,
    batchSeconds: batchSecondsFor(plan),
    staging,
    signal,
  });
  const context = { audio: config.audio, configDir, encoder, encoderId: await encoderIdentity(), signal };
  const pending: Array<Promise<LineSegment>> = [];
  let done = profileStage('synthesize');
  let voiced: VoicedLine[];
  let segments: LineSegment[];
  try {
    try {
      voiced = await synthesizePlan(edition, plan, speech, {
        onClip: options.onClip,
        onVoiced: (index, clip) => {
          pending[index] = segmentForLine(plan.lines[index]!.line, clip, context);
          // Awaited below; a failure must not surface as unhandled before then.
          pending[index].catch(() => {});
        },
        signal,
      });
    } finally {
      encoder.finish();
      done();
    }
    done = profileStage('segments');
    segments = await settleAll(pending);
    done();
  } catch (error) {
    // Nothing started here outlives the render: every ffmpeg process has exited and its
    // temporary files are gone before the error is passed on (at once when called off).
    await Promise.allSettled(pending);
    await encoder.idle();
    if (error instanceof DamagedCacheError) earlier.encoded += encoder.counts.encoded;
    throw error;
  }
  const arrangement = arrangeEpisode(voiced, segments, config.audio.sampleRate);
  const loudness = estimateLoudness(
    arrangement.segments,
    voiced.map((item) => item.clip),
    config.audio,
  );
  const key = episodeKey(arrangement, edition, config, options.tags);
  const rendered = { plan, arrangement, key, segments: { ...encoder.counts }, loudness };
  const stories: RenderedStory[] = [];
  const written: string[] = [];
  try {
    done = profileStage('join');
    signal?.throwIfAborted();
    const encoded = (await options.reuse?.(key))
      ? undefined
      : await writeEpisodeAudio({
          arrangement,
          tags: options.tags,
          chapters: options.chapters ? chaptersOf(edition, arrangement) : [],
          outFile: staged(written, staging, `${edition.slug}.mp3`),
        });
    for (const story of options.chapters ? storiesOf(edition, arrangement, options.tags) : []) {
      signal?.throwIfAborted();
      const durationSeconds = story.samples / arrangement.sampleRate;
      if (await options.reuseStory?.(story.id, story.key)) {
        stories.push({ ...story, durationSeconds });
        continue;
      }
      const title = edition.articles.find((article) => article.id === story.id)!.title;
      const outFile = staged(written, staging, `${edition.slug}-${story.id}.mp3`);
      stories.push({
        ...story,
        durationSeconds,
        encoded: await writeStoryAudio({ arrangement, story, title, tags: options.tags, outFile }),
      });
    }
    signal?.throwIfAborted();
    done();
    return { ...rendered, ...(encoded ? { encoded } : {}), stories };
  } catch (error) {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    if (error instanceof DamagedCacheError) earlier.encoded += encoder.counts.encoded;
    throw error;
  }
}

function staged(written: string[], folder: string, name: string): string {
  const file = stagingPath(folder, name);
  written.push(file);
  return file;
}

/**
 * Audio worth one ffmpeg process while synthesis runs: a sixteenth of what is to be read (about
 * fourteen characters a second), so even a short edition overlaps, and at most four minutes.
 */
function batchSecondsFor(plan: Plan): number {
  const seconds = plan.missing.reduce((sum, item) => sum + item.line.text.length, 0) / 14;
  return Math.min(240, Math.max(10, seconds / 16));
}

/** Everything that shapes the episode's MP3: its segments in order (their keys cover clips, pauses, music and encoding) and its tags. */
function episodeKey(arrangement: Arrangement, edition: Edition, config: Config, tags: EpisodeTags): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        v: 3,
        segments: arrangement.segments.map((placed) => placed.segment.key),
        tags,
        show: config.show,
        articles: edition.articles.map((a) => a.title),
      }),
    )
    .digest('hex');
}
