import type { LexiconEntry } from '../engines/types.js';

export interface LexiconMatch {
  start: number;
  end: number;
  entry: LexiconEntry;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
