import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { Config, ConfigInput } from './schema.js';
import { compileSkipPatterns } from './skip.js';

export const DEFAULT_CONFIG_FILE = 'audio-edition.config.json';

/** The config's schema, with every engine's section (see `createConfigSchema`). */
export type ConfigSchema = z.ZodType<Config, ConfigInput>;

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or undefined for built-in defaults. */
  file: string | undefined;
  /** Relative paths in the config resolve against this folder. */
  dir: string;
}

/** Loads and validates the config: the given file, else `./audio-edition.config.json`, else defaults. */
export async function loadConfigWith(schema: ConfigSchema, file?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const chosen = file ?? (existsSync(path.join(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (!chosen) return { config: parseConfigWith(schema, {}), file: undefined, dir: cwd };
  const absolute = path.resolve(cwd, chosen);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'EISDIR' ? 'is a folder, not a config file' : code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ConfigError(
      'E_CONFIG_READ',
      `config file ${what}.`,
      'Pass an existing JSON file with -c, or omit -c to use the defaults.',
      chosen,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('E_CONFIG_JSON', `config is not valid JSON (${(error as Error).message}).`, 'Fix the JSON syntax.', chosen);
  }
  return { config: parseConfigWith(schema, raw, chosen), file: absolute, dir: path.dirname(absolute) };
}

/** Validates a config object; errors name the key path, e.g. `audio.loudness`. */
export function parseConfigWith(schema: ConfigSchema, raw: unknown, file?: string): Config {
  const result = schema.safeParse(raw);
  if (result.success) {
    compileSkipPatterns(result.data.edition.skip, file);
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const keyPath = issue.path.map(String).join('.') || '(root)';
  const message =
    issue.code === 'unrecognized_keys'
      ? `unknown key ${[keyPath, ...issue.keys].filter((k) => k !== '(root)').join('.')}`
      : `${keyPath}: ${issue.message}`;
  throw new ConfigError('E_CONFIG_INVALID', `invalid config: ${message}.`, 'See the configuration reference in the README.', file);
}

/** The JSON Schema editors can point `$schema` at for autocompletion. */
export function toJsonSchema(schema: ConfigSchema): unknown {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}
