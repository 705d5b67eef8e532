/**
 * The text an offline engine reads: lexicon respellings first, then normalization.
 *
 * Respelled spans are swapped for private-use characters while the text is normalized, so an
 * editor's respelling wins over every rule and no rule mangles it ("SHEN" is not taken for an
 * acronym, a respelling with digits is not read as a number). Normalization never touches
 * private-use characters; they are swapped back for the respellings at the end.
 */
import type { LexiconEntry } from '../../text/lexicon.js';
import { findLexiconMatches } from '../../text/lexicon.js';
import { normalizeForSpeech } from '../../text/normalize.js';

const FIRST_PLACEHOLDER = 0xe000;
const PLACEHOLDER_COUNT = 0xf8ff - FIRST_PLACEHOLDER + 1;
const PRIVATE_USE = /[\uE000-\uF8FF]/g;

export function prepareOfflineText(text: string, lexicon: readonly LexiconEntry[], language?: string): string {
  // The edition's own private-use characters have no sound, and would be taken for placeholders.
  const clean = text.replace(PRIVATE_USE, ' ');
  const matches = findLexiconMatches(clean, lexicon).slice(0, PLACEHOLDER_COUNT);
  let withPlaceholders = '';
  let position = 0;
  matches.forEach((match, index) => {
    withPlaceholders += clean.slice(position, match.start) + String.fromCharCode(FIRST_PLACEHOLDER + index);
    position = match.end;
  });
  withPlaceholders += clean.slice(position);
  const normalized = normalizeForSpeech(withPlaceholders, language === undefined ? {} : { language });
  return normalized.replace(PRIVATE_USE, (placeholder) => matches[placeholder.charCodeAt(0) - FIRST_PLACEHOLDER]?.entry.say ?? '');
}
