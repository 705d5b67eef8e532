import { parseDocument } from 'yaml';
import { editionError } from './codes.js';
import { requireDeclaredDate } from './date.js';
import type { DraftEdition, LexiconOverride } from './draft.js';

export type FrontMatter = Omit<DraftEdition, 'articles'>;

const TEXT_KEYS = ['title', 'description', 'slug', 'voice', 'image'] as const;

/**
 * Splits optional YAML front matter (between a first line `---` and the next `---` or `...`)
 * from the Markdown body and validates it. Keys other than the documented ones are ignored, as
 * CMS exports often add their own (author, tags).
 */
export function splitFrontMatter(source: string, file: string): { frontMatter: FrontMatter; body: string } {
  const opening = /^---[ \t]*\n/.exec(source);
  if (!opening) return { frontMatter: {}, body: source };
  const rest = source.slice(opening[0].length);
  const closing = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!closing) {
    throw frontMatterError(file, 'front matter starts with --- but is never closed.', 'End it with a line of ---.');
  }
  const yaml = rest.slice(0, closing.index);
  const body = rest.slice(closing.index + closing[0].length);
  return { frontMatter: validateFrontMatter(parseYaml(yaml, file), file), body };
}

function parseYaml(yaml: string, file: string): unknown {
  const document = parseDocument(yaml, { prettyErrors: true, uniqueKeys: true });
  const [first] = document.errors;
  if (first) {
    // The YAML message continues with a code frame; the first line says what and where.
    const what = first.message
      .split('\n')[0]!
      .replace(/ at line \d+, column \d+:?$/, '')
      .replace(/:$/, '');
    // Count the opening --- so the line number matches what the editor sees.
    const line = first.linePos ? ` at line ${first.linePos[0].line + 1}` : '';
    throw frontMatterError(file, `front matter is not valid YAML${line}: ${what}.`, 'Fix the YAML between the --- lines.', first);
  }
  try {
    return document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw frontMatterError(file, `front matter cannot be read: ${(error as Error).message}.`, 'Fix the YAML between the --- lines.', error);
  }
}

/** Checks the documented keys' types; a wrong type is an error rather than a silent default. */
export function validateFrontMatter(data: unknown, file: string): FrontMatter {
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data)) {
    throw frontMatterError(
      file,
      `front matter is ${describe(data)}, not a list of keys.`,
      'Write it as key: value lines, e.g. title: Today’s Edition.',
    );
  }
  const frontMatter: FrontMatter = {};
  for (const key of TEXT_KEYS) {
    const text = readText(data, key, file);
    if (text !== undefined) frontMatter[key] = text;
  }
  const language = readText(data, 'language', file);
  if (language !== undefined) {
    if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(language)) {
      throw frontMatterError(file, `front matter language "${language}" is not a language code.`, 'Use a code such as en-us.');
    }
    frontMatter.language = language;
  }
  const date = data.date;
  if (date !== undefined && date !== null) {
    if (typeof date !== 'string') {
      throw frontMatterError(file, `front matter date is ${describe(date)}, not a date.`, 'Write it as date: 2026-11-25.');
    }
    frontMatter.date = requireDeclaredDate(date, file, 'front matter date');
  }
  const lexicon = readLexicon(data.lexicon, file);
  if (lexicon) frontMatter.lexicon = lexicon;
  return frontMatter;
}

/** A text key: absent, null or blank means "not given"; any other non-string is an error. */
function readText(data: Record<string, unknown>, key: string, file: string): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    const hint = typeof value === 'object' ? `Write ${key} as text.` : `Quote it: ${key}: "${String(value)}".`;
    throw frontMatterError(file, `front matter ${key} is ${describe(value)}, not text.`, hint);
  }
  return value.trim() === '' ? undefined : value.trim();
}

function readLexicon(value: unknown, file: string): Record<string, string | LexiconOverride> | undefined {
  if (value === undefined || value === null) return undefined;
  const hint = 'Write each entry as word: respelling, or word: { say: respelling, ipa: … }.';
  if (!isPlainObject(value)) throw frontMatterError(file, `front matter lexicon is ${describe(value)}, not a map of words.`, hint);
  const lexicon: Record<string, string | LexiconOverride> = {};
  for (const [word, entry] of Object.entries(value)) {
    if (typeof entry === 'string' && entry.trim() !== '') {
      lexicon[word] = entry;
    } else if (
      isPlainObject(entry) &&
      typeof entry.say === 'string' &&
      entry.say.trim() !== '' &&
      (entry.ipa === undefined || typeof entry.ipa === 'string')
    ) {
      lexicon[word] = entry.ipa === undefined ? { say: entry.say } : { say: entry.say, ipa: entry.ipa };
    } else {
      throw frontMatterError(file, `front matter lexicon entry "${word}" is ${describe(entry)}, not a respelling.`, hint);
    }
  }
  return lexicon;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return value.trim() === '' ? 'empty' : 'text';
  return `a ${typeof value}`;
}

function frontMatterError(file: string, message: string, hint: string, cause?: unknown) {
  return editionError('E_EDITION_FRONT_MATTER', file, message, hint, cause);
}
