import path from 'node:path';
import { rm } from 'node:fs/promises';
import type { Config } from '../config/schema.js';
import { readEdition } from '../edition/read.js';
import type { Edition, ScriptLine } from '../edition/types.js';
import { UsageError } from '../errors.js';
import { checkEpisode, planEpisode, renderEpisode } from '../pipeline/episode.js';
import { describeSent } from '../pipeline/plan.js';
import { selectPart, writeScript } from '../pipeline/script.js';
import { openSpeech } from '../pipeline/speech.js';
import { commitFile } from '../publish/atomic.js';

/**
 * Renders one article, one paragraph or a line of text to an MP3 through the episode pipeline:
 * the same voice rule, normalization, lexicon, engine, cache, concurrency, pauses and loudness
 * as a build, for checking a fix by ear. A dry run says what the engine would be sent instead.
 */

export interface PreviewOptions {
  config: Config;
  configDir: string;
  /** Where the MP3 goes; not needed for a dry run. */
  outFile?: string;
  file?: string;
  text?: string;
  /** 1-based. */
  article?: number;
  /** 1-based, within the article. */
  paragraph?: number;
  engine?: string;
  voice?: string;
  concurrency?: number;
  /** Synthesize nothing; report what each paragraph would be sent. */
  dryRun?: boolean;
  onWarning?: (message: string) => void;
  /** Stops the render (see `renderEpisode`); the output file is then left as it was. */
  signal?: AbortSignal;
}

export interface PreviewResult {
  file: string;
  durationSeconds: number;
  clips: { synthesized: number; cached: number };
  lines: number;
}

/** `preview --dry-run`: for each paragraph of the part, its text and what the engine is sent. */
export interface PreviewPlan {
  engine: string;
  voice: string;
  paragraphs: Array<{ id: string; text: string; sent: string }>;
}

export async function renderPreview(options: PreviewOptions & { dryRun: true }): Promise<PreviewPlan>;
export async function renderPreview(options: PreviewOptions & { dryRun?: false }): Promise<PreviewResult>;
export async function renderPreview(options: PreviewOptions): Promise<PreviewResult | PreviewPlan> {
  const { config } = options;
  if (!options.file && !options.text) throw new UsageError('nothing to preview.', 'Give an edition file, or --text "…".');
  if (!options.dryRun && !options.outFile) throw new UsageError('no output file.', 'Pass -o <file.mp3>, or --dry-run.');
  const edition: Edition = options.file
    ? await readEdition(options.file, { skip: config.edition.skip })
    : { file: '(text)', slug: 'preview', title: 'Preview', date: new Date().toISOString().slice(0, 10), articles: [] };
  const lines: ScriptLine[] = options.text
    ? [{ role: 'paragraph', text: options.text, pauseAfter: 0 }]
    : selectPart(edition, writeScript(edition, config), options);
  const speech = await openSpeech(options);
  try {
    const checked = await checkEpisode(speech, {
      edition,
      lines,
      voice: options.voice,
      dryRun: options.dryRun,
      onWarning: options.onWarning,
    });
    const plan = await planEpisode(speech, checked, { warmUp: !options.dryRun });
    if (options.dryRun) {
      return {
        engine: plan.engine,
        voice: plan.voice,
        paragraphs: plan.lines
          .filter((item) => item.line.role === 'paragraph')
          .map((item) => ({ id: item.line.paragraphId ?? 'text', text: item.line.text, sent: describeSent(item) })),
      };
    }
    const rendered = await renderEpisode(speech, plan, {
      tags: {
        title: `Preview: ${lines[0]!.text.slice(0, 60)}`,
        album: config.show.title,
        artist: config.show.author,
        date: edition.date,
      },
      chapters: false,
      signal: options.signal,
    });
    const outFile = path.resolve(options.outFile!);
    const temporary = rendered.encoded!.file;
    try {
      options.signal?.throwIfAborted();
      await commitFile(temporary, outFile);
    } finally {
      await rm(temporary, { force: true });
    }
    return {
      file: outFile,
      durationSeconds: Math.round(rendered.arrangement.durationSeconds * 1000) / 1000,
      clips: { synthesized: plan.missing.length, cached: plan.lines.length - plan.missing.length },
      lines: lines.length,
    };
  } finally {
    await speech.close();
  }
}
