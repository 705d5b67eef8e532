import { ConfigError } from '../errors.js';

/**
 * `edition.skip`: regular expression sources, compiled with the `u` flag as the config documents.
 * A pattern that does not compile is a config error naming its index.
 */
export function compileSkipPatterns(sources: readonly string[], file?: string): RegExp[] {
  return sources.map((source, index) => {
    try {
      return new RegExp(source, 'u');
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
