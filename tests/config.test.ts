import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, loadConfig } from '../src/commands/config.js';
import { parseConfig } from './helpers/config.js';
import { ConfigError } from '../src/errors.js';
import { ROOT } from './helpers/cli.js';

describe('config', () => {
  it('gives every key a default', () => {
    const config = parseConfig({});
    expect(config.speech.engine).toBe('flite');
    expect(config.audio).toMatchObject({ loudness: -16, truePeak: -1.5, bitrateKbps: 96, paragraphPause: 0.7, articlePause: 1.5 });
    expect(config.feed.maxEpisodes).toBe(100);
  });

  it.each([
    [{ audio: { loudness: 'loud' } }, 'audio.loudness'],
    [{ audio: { truePeak: 0 } }, 'audio.truePeak'],
    [{ speech: { concurrency: 0 } }, 'speech.concurrency'],
    [{ show: { owner: { email: 5 } } }, 'show.owner.email'],
    [{ feed: { maxEpisodes: 1.5 } }, 'feed.maxEpisodes'],
    [{ audio: { loudnes: -16 } }, 'audio.loudnes'],
    [{ edition: { skip: ['('] } }, 'edition.skip.0'],
  ])('rejects %j naming %s', (raw, keyPath) => {
    const error = (() => {
      try {
        parseConfig(raw, 'x.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(keyPath);
    expect((error as ConfigError).exitCode).toBe(2);
  });

  it('loads the sample config', async () => {
    const loaded = await loadConfig(path.join(ROOT, 'audio-edition.config.json'));
    expect(loaded.config.edition.skip).toContain("^Listen to Today's Edition");
  });

  it('ships a JSON Schema generated from the one schema', async () => {
    const committed = JSON.parse(await readFile(path.join(ROOT, 'audio-edition.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });
});
