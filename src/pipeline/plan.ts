import type { CachedClip } from '../audio/clip.js';
import type { ScriptLine } from '../edition/types.js';
import type { PreparedRequest } from '../engines/types.js';
import type { LexiconEntry } from '../text/lexicon.js';
import { clipKey } from './cache.js';
import type { Speech } from './speech.js';

/**
 * The plan: each line of the script with exactly what the engine would be sent and the clip the
 * cache already holds for it. It is a value: later stages read it and return their own results.
 */

export interface PlannedLine {
  readonly line: ScriptLine;
  readonly request: PreparedRequest;
  /** The clip cache key: the canonical request. */
  readonly key: string;
  /** The cached clip, or undefined when it must be synthesized. */
  readonly cached: CachedClip | undefined;
}

export interface Plan {
  readonly engine: string;
  readonly voice: string;
  readonly lines: readonly PlannedLine[];
  /** The lines to synthesize: those without a cached clip. */
  readonly missing: readonly PlannedLine[];
}

export interface PlanOptions {
  voice: string;
  /** BCP 47, e.g. `en-us`. */
  language: string;
  lexicon: readonly LexiconEntry[];
  /** Ignore the cache: every line is missing. */
  force: boolean;
  /** Have the engine start up as soon as a line to synthesize is found. */
  warmUp?: boolean;
}

/** Prepares each line's request and looks its clip up in the cache. */
export async function planLines(lines: readonly ScriptLine[], speech: Speech, options: PlanOptions): Promise<Plan> {
  let warming = false;
  const warmUp = () => {
    if (warming || !options.warmUp) return;
    warming = true;
    speech.engine.warmUp?.(options.voice);
  };
  const planned = await Promise.all(
    lines.map(async (line): Promise<PlannedLine> => {
      const request = speech.engine.prepare({
        text: line.text,
        voice: options.voice,
        language: options.language,
        lexicon: options.lexicon,
      });
      const key = clipKey(request);
      const found = options.force ? undefined : await speech.cache.get(key);
      // A silent clip cached before silence was refused is made again (and refused), never placed.
      const cached = found && found.sampleCount > 0 ? found : undefined;
      // The engine starts up while the rest of the plan is worked out.
      if (!cached) warmUp();
      return { line, request, key, cached };
    }),
  );
  return { engine: speech.definition.id, voice: options.voice, lines: planned, missing: planned.filter((item) => !item.cached) };
}

/** What a plan costs and reuses, as `build --json` reports it. */
export interface PlanSummary {
  clips: { synthesized: number; cached: number };
  characters: { total: number; synthesized: number };
  estimatedCostUsd: number;
  /** What the clips reused from the cache would have cost. */
  estimatedSavingsUsd: number;
}

export function summarizePlan(plan: Plan, speech: Speech): PlanSummary {
  const billed = (items: readonly PlannedLine[]) => items.reduce((sum, item) => sum + item.request.billedCharacters, 0);
  const characters = (items: readonly PlannedLine[]) => items.reduce((sum, item) => sum + item.line.text.length, 0);
  const cost = (count: number) => roundCost(speech.definition.estimateCostUsd(count, plan.voice, speech.context));
  return {
    clips: { synthesized: plan.missing.length, cached: plan.lines.length - plan.missing.length },
    characters: { total: characters(plan.lines), synthesized: characters(plan.missing) },
    estimatedCostUsd: cost(billed(plan.missing)),
    estimatedSavingsUsd: cost(billed(plan.lines) - billed(plan.missing)),
  };
}

function roundCost(usd: number): number {
  return Math.round(usd * 10000) / 10000;
}

/** What one line sends the engine, as one string: its inputs (text or SSML) one per line. */
export function describeSent(item: PlannedLine): string {
  return item.request.inputs.map((input) => ('ssml' in input ? input.ssml : input.text)).join('\n');
}
