import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { Edition } from '../edition/types.js';
import { lexiconFromFrontMatter, loadLexicon, mergeLexicons, type LexiconEntry } from '../text/lexicon.js';

const loaded = new Map<string, Promise<LexiconEntry[]>>();

/** The config's lexicon file (read once per run) with the edition's front-matter entries on top. */
export async function loadEditionLexicon(config: Config, configDir: string, edition: Edition): Promise<LexiconEntry[]> {
  let base: LexiconEntry[] = [];
  if (config.speech.lexicon) {
    const file = path.resolve(configDir, config.speech.lexicon);
    if (!loaded.has(file)) loaded.set(file, loadLexicon(file));
    base = await loaded.get(file)!;
  }
  return edition.lexicon ? mergeLexicons(base, lexiconFromFrontMatter(edition.lexicon, edition.file)) : base;
}
