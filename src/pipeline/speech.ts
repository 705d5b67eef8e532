import pLimit, { type LimitFunction } from 'p-limit';
import type { Config } from '../config/schema.js';
import { findEngine } from '../engines/index.js';
import type { EngineContext, EngineDefinition, SpeechEngine } from '../engines/types.js';
import type { ClipCache } from './cache.js';
import { openClipCache } from './open-cache.js';

/**
 * What every render speaks through: the chosen engine, the clip cache and the limit on parallel
 * requests. Build and preview open it the same way, so they share one cache and one concurrency
 * rule: `--concurrency`, else `speech.concurrency`, else what the engine runs best at.
 */
export interface Speech {
  definition: EngineDefinition;
  engine: SpeechEngine;
  context: EngineContext;
  cache: ClipCache;
  /** Requests handed to the engine at once: its concurrency, plus those it queues ahead. */
  limit: LimitFunction;
  /** Requests that may run at once. */
  concurrency: number;
  /** Closes the engine and the cache's connections. */
  close(): Promise<void>;
}

export interface SpeechOptions {
  config: Config;
  configDir: string;
  /** `--engine`; the config's `speech.engine` when left out. */
  engine?: string;
  /** `--concurrency`. */
  concurrency?: number;
}

export async function openSpeech(options: SpeechOptions): Promise<Speech> {
  const { config } = options;
  const definition = findEngine(options.engine ?? config.speech.engine);
  const context: EngineContext = { config, configDir: options.configDir, concurrency: options.concurrency };
  const engine = await definition.create(context);
  const cache = await openClipCache(config, options.configDir).catch(async (error: unknown) => {
    await engine.close();
    throw error;
  });
  const concurrency = options.concurrency ?? config.speech.concurrency ?? engine.defaultConcurrency;
  return {
    definition,
    engine,
    context,
    cache,
    limit: pLimit(concurrency + (engine.queueAhead ?? 0)),
    concurrency,
    async close() {
      try {
        await engine.close();
      } finally {
        cache.close();
      }
    },
  };
}
