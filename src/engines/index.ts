import { UsageError } from '../errors.js';
import type { EngineContext, SpeechEngine } from './types.js';

/**
 * The engines, by id. Each loads lazily so that `--help` or a cached rebuild never pays
 * for a WASM compile or a gRPC client it does not use.
 */
const engines = {
  flite: async (context: EngineContext) => (await import('./flite/engine.js')).createFliteEngine(context),
  google: async (context: EngineContext) => (await import('./google/engine.js')).createGoogleEngine(context),
} satisfies Record<string, (context: EngineContext) => Promise<SpeechEngine>>;

export type EngineId = keyof typeof engines;
export const engineIds = Object.keys(engines) as EngineId[];

export function isEngineId(id: string): id is EngineId {
  return Object.hasOwn(engines, id);
}

export async function createEngine(id: string, context: EngineContext): Promise<SpeechEngine> {
  if (!isEngineId(id)) {
    throw new UsageError(`unknown engine "${id}".`, `Use one of: ${engineIds.join(', ')}.`);
  }
  return engines[id](context);
}
