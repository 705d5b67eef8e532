import type pLimit from 'p-limit';
import { processClip } from '../audio/clip.js';
import type { Edition } from '../edition/types.js';
import type { LexiconEntry, PreparedRequest, SpeechEngine } from '../engines/types.js';
import { AudioEditionError, EngineError, toDiskError } from '../errors.js';
import { clipKey, type CachedClip, type ClipCache } from './cache.js';
import type { ScriptLine } from './script.js';
import { timeClipWords } from './word-timings.js';

/**
 * The speech stage: each line of the script becomes a prepared request, looked up in the
 * clip cache; what is missing is synthesized on the engine, processed and cached.
 */

export interface PlannedLine {
  line: ScriptLine;
  request: PreparedRequest;
  key: string;
  cached: CachedClip | undefined;
}

export interface PlanContext {
  engine: SpeechEngine;
  cache: ClipCache;
  voice: string;
  language: string;
  lexicon: LexiconEntry[];
  force: boolean;
}

/** Prepares each line's request and looks its clip up in the cache. */
export async function planLines(lines: ScriptLine[], context: PlanContext): Promise<PlannedLine[]> {
  const { language } = context;
  return Promise.all(
    lines.map(async (line) => {
      const request = context.engine.prepare({ text: line.text, voice: context.voice, language, lexicon: context.lexicon });
      const key = clipKey(request);
      return { line, request, key, cached: context.force ? undefined : await context.cache.get(key) };
    }),
  );
}

/**
 * Synthesizes every missing clip. A clip that fails does not stop the others: they are
 * finished and cached, so a rerun only redoes what failed; then the first failure is thrown
 * naming the file, article and paragraph.
 */
export async function synthesizeMissing(
  edition: Pick<Edition, 'file'>,
  plan: PlannedLine[],
  context: { engine: SpeechEngine; cache: ClipCache; limit: ReturnType<typeof pLimit>; onClip: (done: number) => void },
): Promise<void> {
  let done = 0;
  const failures: AudioEditionError[] = [];
  // Longest first: the clips left at the end are then short, so no core idles while another
  // finishes one long paragraph. Clips are cached by key, so the order changes nothing else.
  const missing = plan.filter((item) => !item.cached).sort((a, b) => b.line.text.length - a.line.text.length);
  // Equal lines (a repeated title, say) are synthesized once.
  const byKey = new Map<string, Promise<CachedClip>>();
  await Promise.all(
    missing.map((item) =>
      context.limit(async () => {
        // Requests refused one after another with nothing accepted are wrong for every paragraph
        // (a bad setting): stop paying for round trips. One refused paragraph stops nothing.
        if (done === 0 && failures.filter((failure) => failure.exitCode === 2).length >= 2) return;
        try {
          let pending = byKey.get(item.key);
          if (!pending) {
            pending = context.engine.synthesize(item.request).then((clip) => {
              const processed = processClip(clip.wav);
              return context.cache.put(item.key, processed, item.request, timeClipWords(clip, processed, item.line.text));
            });
            byKey.set(item.key, pending);
          }
          item.cached = await pending;
          context.onClip(++done);
        } catch (error) {
          failures.push(locate(error, edition, item.line));
        }
      }),
    ),
  );
  if (failures.length > 0) throw failures[0];
}

function locate(error: unknown, edition: Pick<Edition, 'file'>, line: ScriptLine): AudioEditionError {
  // A full or read-only disk is about a folder, not about the paragraph that was being cached.
  const disk = toDiskError(error);
  if (disk) return disk;
  const where = {
    file: edition.file,
    article: line.articleId ? `article ${line.articleId.slice(1)}` : line.role,
    paragraph: line.paragraphId ? `paragraph ${line.paragraphId.split('-p')[1]}` : line.role === 'title' ? 'title' : undefined,
  };
  if (error instanceof AudioEditionError) {
    return new AudioEditionError(error.code, error.message, {
      hint: error.hint,
      exitCode: error.exitCode,
      location: { ...where, ...pick(error.location) },
      cause: error,
    });
  }
  return new EngineError('E_SYNTHESIS', `synthesis failed: ${(error as Error).message ?? String(error)}.`, {
    location: where,
    hint: 'Clips already made are cached; run the build again to retry.',
    cause: error,
  });
}

function pick(location: AudioEditionError['location']) {
  return Object.fromEntries(Object.entries(location).filter(([, value]) => value));
}
