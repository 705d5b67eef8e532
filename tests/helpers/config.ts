import { parseConfigWith } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { configSchema } from '../../src/engines/index.js';

/** A config object validated as a config file is, with every registered engine's section. */
export function parseConfig(raw: unknown, file?: string): Config {
  return parseConfigWith(configSchema, raw, file);
}
