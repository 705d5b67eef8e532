import { createConfigSchema } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { flite } from './flite/index.js';
import { google } from './google/index.js';
import type { EngineDefinition } from './types.js';

/**
 * The engines, in the order help and doctor show them; the first is the default `speech.engine`.
 * Adding one is its folder plus its entry here (and the import above): the config schema,
 * `doctor`, `--engine` help, voice choice and the build all loop over this list.
 */
export const ENGINES: readonly EngineDefinition[] = [flite, google];

/** The config schema with each engine's `engines.<id>` section. */
export const configSchema = createConfigSchema(ENGINES);

export function findEngine(id: string): EngineDefinition {
  const engine = ENGINES.find((candidate) => candidate.id === id);
  if (!engine) throw new UsageError(`unknown engine "${id}".`, `Use one of: ${ENGINES.map((e) => e.id).join(', ')}.`);
  return engine;
}

/** `flite (offline, no account), google (…)`: for `--engine` help. */
export function describeEngines(): string {
  return ENGINES.map((engine) => `${engine.id} (${engine.summary})`).join(', ');
}
