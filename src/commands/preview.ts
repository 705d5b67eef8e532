import path from 'node:path';
import { rm } from 'node:fs/promises';
import pLimit from 'p-limit';
import type { Config } from '../config/schema.js';
import { readEdition } from '../edition/read.js';
import type { Edition } from '../edition/types.js';
import { createEngine } from '../engines/index.js';
import { UsageError } from '../errors.js';
import { stitchEpisode, type Segment } from '../audio/stitch.js';
import { planLines, synthesizeMissing } from '../pipeline/synthesize.js';
import { localCacheDir, openClipCache } from '../pipeline/open-cache.js';
import { loadEditionLexicon } from '../pipeline/lexicon-sources.js';
import type { ScriptLine } from '../pipeline/script.js';
import { commitFile, stagingFolder, stagingPath } from '../publish/atomic.js';

/**
 * Renders one article, one paragraph or a line of text to an MP3 through the same
 * normalization, lexicon, engine, cache and loudness as a build, for checking a fix by ear.
 */

export interface PreviewOptions {
  config: Config;
  configDir: string;
  outFile: string;
  file?: string;
  text?: string;
  /** 1-based. */
  article?: number;
  /** 1-based, within the article. */
  paragraph?: number;
  engine?: string;
  voice?: string;
}

export interface PreviewResult {
  file: string;
  durationSeconds: number;
  clips: { synthesized: number; cached: number };
  lines: number;
}

export function selectLines(edition: Edition, article = 1, paragraph?: number): ScriptLine[] {
  const chosen = edition.articles[article - 1];
  if (!chosen)
    throw new UsageError(
      `${edition.file} has ${edition.articles.length} article(s); there is no article ${article}.`,
      `Pick --article from 1 to ${edition.articles.length}.`,
    );
  if (paragraph !== undefined) {
    const p = chosen.paragraphs[paragraph - 1];
    if (!p)
      throw new UsageError(
        `article ${article} of ${edition.file} has ${chosen.paragraphs.length} paragraph(s); there is no paragraph ${paragraph}.`,
        `Pick --paragraph from 1 to ${chosen.paragraphs.length}.`,
      );
    return [{ role: 'paragraph', text: p.text, articleId: chosen.id, paragraphId: p.id, pauseAfter: 0 }];
  }
  return [
    { role: 'title', text: chosen.title, articleId: chosen.id, pauseAfter: 0.7 },
    ...chosen.paragraphs.map(
      (p, i): ScriptLine => ({
        role: 'paragraph',
        text: p.text,
        articleId: chosen.id,
        paragraphId: p.id,
        pauseAfter: i === chosen.paragraphs.length - 1 ? 0 : 0.7,
      }),
    ),
  ];
}

export async function renderPreview(options: PreviewOptions): Promise<PreviewResult> {
  const { config } = options;
  if (!options.file && !options.text) throw new UsageError('nothing to preview.', 'Give an edition file, or --text "…".');
  const edition: Edition = options.file
    ? await readEdition(options.file, { skip: config.edition.skip })
    : { file: '(text)', slug: 'preview', title: 'Preview', date: new Date().toISOString().slice(0, 10), articles: [] };
  const lines: ScriptLine[] = options.text
    ? [{ role: 'paragraph', text: options.text, pauseAfter: 0 }]
    : selectLines(edition, options.article, options.paragraph);
  const engine = await createEngine(options.engine ?? config.speech.engine, { config, configDir: options.configDir });
  try {
    const voice = options.voice ?? edition.voice ?? config.speech.voice ?? engine.defaultVoice;
    await engine.checkVoice(voice);
    const cache = await openClipCache(config, options.configDir);
    const lexicon = await loadEditionLexicon(config, options.configDir, edition);
    let plan: Awaited<ReturnType<typeof planLines>>;
    let synthesized: number;
    try {
      plan = await planLines(lines, {
        engine,
        cache,
        voice,
        language: edition.language ?? config.show.language,
        lexicon,
        force: false,
      });
      synthesized = plan.filter((item) => !item.cached).length;
      await synthesizeMissing(edition, plan, { engine, cache, limit: pLimit(engine.defaultConcurrency), onClip: () => {} });
    } finally {
      cache.close();
    }
    const segments: Segment[] = plan.flatMap((item): Segment[] => [
      { kind: 'clip', clip: item.cached! },
      ...(item.line.pauseAfter > 0 ? [{ kind: 'silence' as const, seconds: item.line.pauseAfter }] : []),
    ]);
    const outFile = path.resolve(options.outFile);
    const temporary = stagingPath(await stagingFolder(localCacheDir(config, options.configDir)), 'preview.mp3');
    try {
      const { timeline } = await stitchEpisode({
        segments,
        chapters: [],
        tags: {
          title: `Preview: ${lines[0]!.text.slice(0, 60)}`,
          album: config.show.title,
          artist: config.show.author,
          date: edition.date,
        },
        audio: config.audio,
        outFile: temporary,
      });
      await commitFile(temporary, outFile);
      return {
        file: outFile,
        durationSeconds: Math.round(timeline.durationSeconds * 1000) / 1000,
        clips: { synthesized, cached: plan.length - synthesized },
        lines: lines.length,
      };
    } finally {
      await rm(temporary, { force: true });
    }
  } finally {
    await engine.close();
  }
}
