import { loadConfigWith, toJsonSchema, type LoadedConfig } from '../config/load.js';
import { configSchema } from '../engines/index.js';

/**
 * The config as every command reads it: the base schema plus each registered engine's section.
 * It is put together here, above the engines, because the config layer knows none of them.
 */

export type { LoadedConfig };

/** Loads and validates the config: the given file, else `./audio-edition.config.json`, else defaults. */
export function loadConfig(file?: string, cwd?: string): Promise<LoadedConfig> {
  return loadConfigWith(configSchema, file, cwd);
}

/** The JSON Schema editors can point `$schema` at (`audio-edition.schema.json`). */
export function configJsonSchema(): unknown {
  return toJsonSchema(configSchema);
}
