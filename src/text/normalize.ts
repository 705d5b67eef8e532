/**
 * Turns news text into what an offline engine should read aloud. The edition's text stays what
 * listeners see (manifest, transcripts, player); only the text sent to the engine passes here.
 * Cloud engines normalize well themselves and get the editor's text instead.
 *
 * Each rule finds its spans in the text and says each one once; the words it says are held out
 * of the text (see held.ts), so a later rule never reads an earlier rule's words as its own
 * input. The order only decides which rule a span belongs to: web addresses before anything
 * reads their dots, telephone numbers and codes before ranges, dates and times before amounts,
 * amounts before bare numbers, and acronyms after the abbreviations that contain capitals ("U.S.").
 */
import { dropHeldLookalikes, HeldWords } from './held.js';
import { sayAddressParts } from './normalize-addresses.js';
import { sayCodes, sayRomanNumerals } from './normalize-codes.js';
import { sayDates, sayWeekdays } from './normalize-dates.js';
import { sayNumbers } from './normalize-numbers.js';
import { sayAmounts } from './normalize-quantities.js';
import { sayTimes } from './normalize-times.js';
import { sayWebAddresses } from './normalize-web.js';
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

type Step = (text: string, held: HeldWords) => string;

const ENGLISH_STEPS: Step[] = [
  straightenQuotes,
  sayWebAddresses,
  sayPhrases,
  sayCodes,
  sayAddressParts,
  sayDates,
  sayTimes,
  sayWeekdays,
  sayAmounts,
  sayNumbers,
  sayRomanNumerals,
  expandAbbreviations,
  sayAcronyms,
  saySymbols,
  sayPunctuation,
];

const NEUTRAL_STEPS = [straightenQuotes, saySymbolsOnly, sayPunctuation, tidySpaces];

/** Drops emoji and stray symbols without putting English words in their place. */
function saySymbolsOnly(text: string): string {
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each joiner and selector is removed on its own
  return text.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}*~^|\\<>_`[\]{}•·†‡¶™®©]/gu, ' ');
}

/** Whether the English reading rules apply: English, or no language given. */
export function readsAsEnglish(language: string | undefined): boolean {
  return !language || /^en(?:-|$)/i.test(language);
}

export function normalizeForSpeech(text: string, options: NormalizeOptions = {}): string {
  const clean = dropHeldLookalikes(text.normalize('NFC'));
  if (!readsAsEnglish(options.language)) return NEUTRAL_STEPS.reduce((current, step) => step(current), clean);
  const held = new HeldWords();
  const spoken = ENGLISH_STEPS.reduce((current, step) => step(current, held), clean);
  return tidySpaces(held.release(spoken));
}
