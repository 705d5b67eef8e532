/**
 * Turns news text into what an offline engine should read aloud. The edition's text stays what
 * listeners see (manifest, transcripts, player); only the text sent to the engine passes here.
 * Cloud engines normalize well themselves and get the editor's text instead.
 *
 * The steps run in an order that matters: web addresses before anything reads their dots,
 * dates before the numbers inside them, money before bare numbers, and acronyms after the
 * abbreviations that contain capitals ("U.S.").
 */
import { normalizeCalendar } from './normalize-calendar.js';
import { normalizeNumbers } from './normalize-numbers.js';
import { normalizeWeb } from './normalize-web.js';
import {
  expandAbbreviations,
  sayAcronyms,
  sayPhrases,
  sayPunctuation,
  saySymbols,
  straightenQuotes,
  tidySpaces,
} from './normalize-words.js';

export interface NormalizeOptions {
  /** BCP 47. The reading rules are English; other languages only get symbols and punctuation cleaned. */
  language?: string;
}

const ENGLISH_STEPS = [
  straightenQuotes,
  normalizeWeb,
  sayPhrases,
  normalizeCalendar,
  expandAbbreviations,
  normalizeNumbers,
  sayAcronyms,
  saySymbols,
  sayPunctuation,
  tidySpaces,
];

const NEUTRAL_STEPS = [straightenQuotes, saySymbolsOnly, sayPunctuation, tidySpaces];

/** Drops emoji and stray symbols without putting English words in their place. */
function saySymbolsOnly(text: string): string {
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each joiner and selector is removed on its own
  return text.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}*~^|\\<>_`[\]{}•·†‡¶™®©]/gu, ' ');
}

export function normalizeForSpeech(text: string, options: NormalizeOptions = {}): string {
  const english = !options.language || /^en(?:-|$)/i.test(options.language);
  const steps = english ? ENGLISH_STEPS : NEUTRAL_STEPS;
  return steps.reduce((current, step) => step(current), text.normalize('NFC'));
}
