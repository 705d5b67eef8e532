import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { configSchema, type Config } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'audio-edition.config.json';

export interface LoadedConfig {
  config: Config;
  /** The file it came from, or undefined for built-in defaults. */
  file: string | undefined;
  /** Relative paths in the config resolve against this folder. */
  dir: string;
}

/** Loads and validates the config: the given file, else `./audio-edition.config.json`, else defaults. */
export async function loadConfig(file?: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const chosen = file ?? (existsSync(path.join(cwd, DEFAULT_CONFIG_FILE)) ? DEFAULT_CONFIG_FILE : undefined);
  if (!chosen) return { config: parseConfig({}), file: undefined, dir: cwd };
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
  return { config: parseConfig(raw, chosen), file: absolute, dir: path.dirname(absolute) };
}

/** Validates a config object; errors name the key path, e.g. `audio.loudness`. */
export function parseConfig(raw: unknown, file?: string): Config {
  const result = configSchema.safeParse(raw);
  if (result.success) {
    checkPatterns(result.data, file);
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

function checkPatterns(config: Config, file?: string): void {
  config.edition.skip.forEach((pattern, index) => {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      throw new ConfigError(
        'E_CONFIG_INVALID',
        `invalid config: edition.skip.${index}: not a regular expression (${(error as Error).message}).`,
        'Fix or remove the pattern.',
        file,
      );
    }
  });
}

/** The JSON Schema editors can point `$schema` at for autocompletion. */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}
