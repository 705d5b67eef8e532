import { processClip, type CachedClip } from '../audio/clip.js';
import type { Edition, ScriptLine } from '../edition/types.js';
import { AudioEditionError, EngineError, toDiskError } from '../errors.js';
import type { Plan } from './plan.js';
import type { Speech } from './speech.js';
import { timeClipWords } from './word-timings.js';

/**
 * The speech stage: every line the plan lacks a clip for is synthesized on the engine,
 * processed and cached. It returns every line's clip in script order; the plan is left as it is.
 */

export interface VoicedLine {
  line: ScriptLine;
  clip: CachedClip;
}

export interface SynthesizePlanOptions {
  onClip?: (done: number, total: number) => void;
  /** Each line's clip as soon as it exists (the cached ones first), so later stages can start on it. */
  onVoiced?: (index: number, clip: CachedClip) => void;
  /**
   * Stops the stage: no more requests start, those in flight are called off, and it rejects with
   * the signal's reason once none runs. Clips already made stay cached for the next build.
   */
  signal?: AbortSignal;
}

/**
 * A clip that fails does not stop the others: they are finished and cached, so a rerun only
 * redoes what failed; then the first failure is thrown naming the file, article and paragraph.
 */
export async function synthesizePlan(
  edition: Pick<Edition, 'file'>,
  plan: Plan,
  speech: Speech,
  options: SynthesizePlanOptions = {},
): Promise<VoicedLine[]> {
  const { onClip = () => {}, onVoiced = () => {}, signal } = options;
  let done = 0;
  const linesOf = new Map<string, number[]>();
  plan.lines.forEach((item, index) => {
    if (item.cached) onVoiced(index, item.cached);
    else linesOf.set(item.key, [...(linesOf.get(item.key) ?? []), index]);
  });
  const failures: AudioEditionError[] = [];
  // Longest first: the clips left at the end are then short, so no core idles while another
  // finishes one long paragraph. Clips are cached by key, so the order changes nothing else.
  const missing = [...plan.missing].sort((a, b) => b.line.text.length - a.line.text.length);
  // Equal lines (a repeated title, say) are synthesized once.
  const byKey = new Map<string, Promise<CachedClip | undefined>>();
  const made = new Map<string, CachedClip>();
  // Requests refused one after another with nothing accepted are wrong for every paragraph
  // (a bad setting): stop paying for round trips. One refused paragraph stops nothing.
  const refusedEarly = () => done === 0 && failures.filter((failure) => failure.exitCode === 2).length >= 2;
  await Promise.all(
    missing.map(async (item) => {
      try {
        let pending = byKey.get(item.key);
        if (!pending) {
          // Only the engine's work holds a place in the limit: processing and caching the clip
          // happen outside it, so the engine already has its next request meanwhile.
          pending = speech
            .limit(() => (signal?.aborted || refusedEarly() ? undefined : speech.engine.synthesize(item.request, { signal })))
            .then((clip) => {
              if (!clip) return undefined;
              const processed = processClip(clip.wav);
              // Never placed, never cached: a silent clip would be a paragraph listeners cannot hear.
              if (processed.samples.length === 0) throw silentClip(speech.definition.id, item.request.voice, item.line);
              return speech.cache.put(item.key, processed, item.request, timeClipWords(clip, processed, item.line.text));
            });
          byKey.set(item.key, pending);
          void pending.then(
            (clip) => {
              if (clip) for (const index of linesOf.get(item.key) ?? []) onVoiced(index, clip);
            },
            () => {},
          );
        }
        const clip = await pending;
        if (!clip) return;
        made.set(item.key, clip);
        onClip(++done, missing.length);
      } catch (error) {
        if (!signal?.aborted) failures.push(locate(error, edition, item.line));
      }
    }),
  );
  signal?.throwIfAborted();
  if (failures.length > 0) throw failures[0];
  return plan.lines.map((item) => ({ line: item.line, clip: item.cached ?? made.get(item.key)! }));
}

function silentClip(engine: string, voice: string, line: ScriptLine): EngineError {
  const what = line.role === 'paragraph' ? 'this paragraph' : `the ${line.role}`;
  return new EngineError('E_SILENT_CLIP', `${engine} voice "${voice}" returned no speech for ${what}.`, {
    hint: 'Check its text for letters the voice cannot say; reword it, or give them a lexicon entry saying how to read them.',
  });
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
