import { loadConfigWith, parseConfigWith, toJsonSchema, type LoadedConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { configSchema } from '../engines/index.js';

/**
 * The config as every command reads it: the base schema plus each registered engine's section.
 * It is put together here, above the engines, because the config layer knows none of them.
 */

export type { LoadedConfig };
export { configSchema };

/** Loads and validates the config: the given file, else `./audio-edition.config.json`, else defaults. */
export function loadConfig(file?: string, cwd?: string): Promise<LoadedConfig> {
  return loadConfigWith(configSchema, file, cwd);
}

/** Validates a config object; errors name the key path, e.g. `audio.loudness`. */
export function parseConfig(raw: unknown, file?: string): Config {
  return parseConfigWith(configSchema, raw, file);
}

/** The JSON Schema editors can point `$schema` at (`audio-edition.schema.json`). */
export function configJsonSchema(): unknown {
  return toJsonSchema(configSchema);
}
