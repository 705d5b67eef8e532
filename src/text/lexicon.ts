import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, EditionError } from '../errors.js';
import { escapeRegExp } from './normalize-rules.js';

/** One pronunciation: `word` is matched whole-word; `say` works on every engine; `ipa` where phonemes are taken. */
export interface LexiconEntry {
  word: string;
  say: string;
  ipa?: string;
  /** Match case exactly (default: only when the entry is written with capitals). */
  caseSensitive?: boolean;
}

export interface LexiconMatch {
  start: number;
  end: number;
  entry: LexiconEntry;
}

/** An entry written with any capital letter matches case exactly; an all-lowercase one matches any case. */
function isCaseSensitive(entry: LexiconEntry): boolean {
  return entry.caseSensitive ?? entry.word !== entry.word.toLowerCase();
}

/**
 * Finds whole-word occurrences of lexicon entries, longest entries first so that a phrase
 * ("Alexander Lukashenko") wins over a word inside it. Matches never overlap.
 */
export function findLexiconMatches(text: string, entries: readonly LexiconEntry[]): LexiconMatch[] {
  const sorted = [...entries].sort((a, b) => b.word.length - a.word.length);
  const matches: LexiconMatch[] = [];
  const taken = (start: number, end: number) => matches.some((m) => start < m.end && end > m.start);
  for (const entry of sorted) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegExp(entry.word)}(?![\\p{L}\\p{N}_])`, isCaseSensitive(entry) ? 'gu' : 'giu');
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!taken(start, end)) matches.push({ start, end, entry });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

/** Replaces every lexicon match with its respelling: the form every engine can read. */
export function applyRespellings(text: string, entries: readonly LexiconEntry[]): string {
  let result = '';
  let position = 0;
  for (const match of findLexiconMatches(text, entries)) {
    result += text.slice(position, match.start) + match.entry.say;
    position = match.end;
  }
  return result + text.slice(position);
}

/*
 * A lexicon is written either as a map, the short form editors reach for first:
 *   { "Lukashenko": "loo-kah-SHEN-koh", "Viasna": { "say": "vee-AHS-nah", "ipa": "ˈvjasna" } }
 * or as a list: [ { "word": "Viasna", "say": "vee-AHS-nah", "ipa": "ˈvjasna", "caseSensitive": true } ].
 */
const text = z.string().trim().min(1, 'must not be empty');
const entryFields = z.strictObject({ say: text, ipa: text.optional(), caseSensitive: z.boolean().optional() });
const listEntry = entryFields.extend({ word: text });
const mapValue = z.union([text, entryFields], { error: 'must be a respelling ("loo-kah-SHEN-koh") or { "say": …, "ipa": … }' });

const EXAMPLE = 'Write entries as "Word": "respelling" or "Word": { "say": "respelling", "ipa": "…" }.';

type Reject = (message: string) => never;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}

/** Validates either form and returns entries in the order written; `reject` decides which error class is thrown. */
function parseEntries(value: unknown, reject: Reject): LexiconEntry[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const result = listEntry.safeParse(item);
      const word = typeof (item as { word?: unknown } | null)?.word === 'string' ? ` ("${(item as { word: string }).word}")` : '';
      if (!result.success) reject(`lexicon entry ${index + 1}${word} is invalid: ${describeIssues(result.error)}.`);
      return withoutUndefined(result.data!);
    });
  }
  if (typeof value !== 'object') reject(`a lexicon must be a map of words to respellings or a list of entries, not ${typeof value}.`);
  return Object.entries(value as Record<string, unknown>).map(([word, item]) => {
    if (word.trim() === '') reject('a lexicon entry has an empty word.');
    // An object is checked field by field, so the message says which field is wrong.
    const schema = item !== null && typeof item === 'object' && !Array.isArray(item) ? entryFields : mapValue;
    const result = schema.safeParse(item);
    if (!result.success) reject(`lexicon entry "${word}" is invalid: ${describeIssues(result.error)}.`);
    const data = result.data!;
    return typeof data === 'string' ? { word: word.trim(), say: data } : withoutUndefined({ word: word.trim(), ...data });
  });
}

/** Entries compare as canonical JSON (the clip cache key), so absent fields stay absent. */
function withoutUndefined(entry: LexiconEntry): LexiconEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as unknown as LexiconEntry;
}

/** A JSON lexicon needs no YAML parser: it is loaded only for a YAML one. */
async function parseFile(content: string, file: string): Promise<unknown> {
  const extension = path.extname(file).toLowerCase();
  try {
    if (extension === '.json') return content.trim() === '' ? null : JSON.parse(content);
    if (extension === '.yaml' || extension === '.yml') return (await import('yaml')).parse(content);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(
      'E_LEXICON_PARSE',
      `the lexicon is not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${detail}`,
      EXAMPLE,
      file,
    );
  }
  throw new ConfigError(
    'E_LEXICON_FORMAT',
    `a lexicon must be a .json, .yaml or .yml file, not "${extension || 'no extension'}".`,
    'Rename the file or point speech.lexicon at a JSON or YAML file.',
    file,
  );
}

/** Reads the pronunciation lexicon named by `speech.lexicon` (JSON or YAML, chosen by extension). */
export async function loadLexicon(file: string): Promise<LexiconEntry[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the lexicon file does not exist.'
        : `cannot read the lexicon: ${(error as Error).message}`;
    throw new ConfigError(
      'E_LEXICON_READ',
      reason,
      'Check speech.lexicon in the config; a relative path is resolved against the config file.',
      file,
    );
  }
  return parseEntries(await parseFile(content, file), (message) => {
    throw new ConfigError('E_LEXICON_INVALID', message, EXAMPLE, file);
  });
}

/** Entries from an edition's front matter `lexicon:` (same two forms as the file); errors name the edition. */
export function lexiconFromFrontMatter(value: unknown, file: string): LexiconEntry[] {
  return parseEntries(value, (message) => {
    throw new EditionError('E_EDITION_LEXICON', file, `front matter ${message}`, EXAMPLE);
  });
}

/**
 * Joins lexicons; for the same word (in any capitalization) a later list wins, so an edition's
 * front matter overrides the shared file. Case is ignored here because two entries for one word
 * would otherwise both match and the file's would win by position.
 */
export function mergeLexicons(...lists: ReadonlyArray<readonly LexiconEntry[]>): LexiconEntry[] {
  const merged = new Map<string, LexiconEntry>();
  for (const entry of lists.flat()) {
    const key = entry.word.toLowerCase();
    merged.delete(key);
    merged.set(key, entry);
  }
  return [...merged.values()];
}
