/** Abbreviations, acronyms, symbols and punctuation: the words around the numbers. */
import type { HeldWords } from './held.js';
import { HELD_CLASS } from './held.js';
import { alternation, escapeRegExp, isFunctionWord, rules, startsSentence } from './normalize-rules.js';

/** A name follows: a capitalized word, or a protected lexicon span (private-use characters). */
const NAME_AHEAD = '(?=\\s+["\']?[\\p{Lu}\\uE000-\\uF8FF])';

/** Whether a period after an abbreviation should stay as the end of a sentence; never inside a spelled name ("the U.S. Senate"). */
function endsSentence(rest: string, spelled: boolean): boolean {
  if (/^\s*$/.test(rest)) return true;
  return !spelled && startsSentence(rest);
}

function expand(text: string, table: Record<string, string>): string {
  const pattern = new RegExp(`(?<![\\p{L}.])(${alternation(Object.keys(table))})(?![\\p{L}])`, 'gu');
  return text.replace(pattern, (form: string, _form: string, offset: number, whole: string) => {
    const words = table[form] ?? form;
    const spelled = /^(\p{Lu} )+\p{Lu}$/u.test(words);
    return form.endsWith('.') && !rules.midSentence.includes(form) && endsSentence(whole.slice(offset + form.length), spelled)
      ? `${words}.`
      : words;
  });
}

/** "Mr. Smith", and "Mr. and Mrs. Smith", where the name follows the second title. */
function expandTitles(text: string): string {
  const titles = alternation(Object.keys(rules.titles));
  const pattern = new RegExp(`(?<![\\p{L}.])(${titles})(?:${NAME_AHEAD}|(?=\\s+(?:and|&)\\s+(?:${titles})${NAME_AHEAD}))`, 'gu');
  return text.replace(pattern, (form: string) => rules.titles[form] ?? form);
}

/** "St. Louis" is a saint, "Downing St." a street: decided by the words on either side. */
function expandContextual(text: string): string {
  return Object.entries(rules.contextual).reduce((current, [form, { beforeName, afterName }]) => {
    const pattern = new RegExp(`(?<![\\p{L}.])${escapeRegExp(form)}`, 'gu');
    return current.replace(pattern, (match: string, offset: number, whole: string) => {
      const before = whole.slice(0, offset);
      const rest = whole.slice(offset + match.length);
      const previous = new RegExp(`(\\p{Lu}[\\p{L}'-]*|\\d+(?:st|nd|rd|th)?|[\\uE000-\\uF8FF${HELD_CLASS}])\\s+$`, 'u').exec(before)?.[1];
      // "The St. Louis Cardinals": a capitalized "The" or "In" is no street's name.
      const afterAName = previous !== undefined && !isFunctionWord(previous);
      const nameFollows = new RegExp(`^${NAME_AHEAD}`, 'u').test(rest);
      if (nameFollows && !afterAName) return beforeName;
      if (afterAName) return endsSentence(rest, false) ? `${afterName}.` : afterName;
      return nameFollows ? beforeName : match;
    });
  }, text);
}

/** Initialisms the rules do not list ("F.B.I.", "N.A.A.C.P.") are spelled; the period stays only at the very end. */
function spellInitialisms(text: string): string {
  return text.replace(/(?<![\p{L}.])((?:\p{Lu}\.){2,})(?!\p{L})/gu, (letters: string, _letters: string, offset: number, whole: string) => {
    const spoken = letters.replace(/\./g, ' ').trim();
    return whole.slice(offset + letters.length).trim() === '' ? `${spoken}.` : spoken;
  });
}

/** "pp. 12-15" → "pages twelve to fifteen", "Sec. 5" → "Section five": only before a number, already said by then. */
function expandBeforeNumbers(text: string): string {
  const pattern = new RegExp(`(?<![\\p{L}.])(${alternation(Object.keys(rules.beforeNumber))})(?=\\s?[\\p{N}${HELD_CLASS}])`, 'gu');
  return text.replace(pattern, (form: string) => rules.beforeNumber[form] ?? form);
}

export function expandAbbreviations(text: string): string {
  return spellInitialisms(expand(expand(expandContextual(expandTitles(expandBeforeNumbers(text))), rules.general), rules.states));
}

const SPELLED = new Set(rules.spelledAcronyms);
const WORDS = new Set(rules.wordAcronyms);
const MIXED_WORDS = new Set(rules.mixedCaseWords);

function spell(letters: string): string {
  return letters.split('').join(' ');
}

/**
 * Initialisms in mixed case, a capital on either side of a small letter: "PhD" → "P H D",
 * "DoJ" → "D O J", "TfL" → "T F L", "PhDs" → "P H D's". Names such as "McCain" or "DeSantis"
 * go on in small letters and are left alone; 'mixedCaseWords' lists the few said as words.
 */
function spellMixedInitialisms(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}'’])(\p{Lu}(?:\p{Ll}?\p{Lu})+)(s|'s)?(?![\p{L}\p{N}])/gu, (all, letters: string, ending = '') => {
    if (!/\p{Ll}/u.test(letters) || letters.length > 5 || MIXED_WORDS.has(letters)) return all;
    return spell(letters.toUpperCase()) + (ending === 's' ? "'s" : ending);
  });
}

/** Two consonants a word may start with; capitals that start with any other pair are letters ("NCAA", "WNBA"). */
const ONSETS = /^(?:[BCFGPS][LR]|[DT][RW]|S[CHKMNPQTW]|[CPSTW]H|WR|SCR|STR|SPR|SPL|SHR|THR|CHR)/;
const WORDS_IN_CAPITALS = new Set(rules.wordsInCapitals);

/** Unlisted capitals are letters when short ("SEC", "MBA") or unpronounceable ("NCAA", "AARP"); longer ones may be a word. */
function looksSpelled(letters: string): boolean {
  if (WORDS_IN_CAPITALS.has(letters)) return false;
  if (letters.length <= 3) return true;
  if (letters.length > 5) return false;
  return /AA|II|UU/.test(letters) || (/^[^AEIOUY]{2}/.test(letters) && !ONSETS.test(letters));
}

/** A headline or a shout in capitals ("BREAKING NEWS"): its words are read as words. */
function inCapitalsRun(before: string, after: string): boolean {
  return /(?:^|[^\p{L}])\p{Lu}{2,}[^\p{L}\p{N}]{1,3}$/u.test(before) || /^[^\p{L}\p{N}]{1,3}\p{Lu}{2,}(?![\p{Ll}])/u.test(after);
}

/**
 * BBC → "B B C", NATO → "Nato", MPs → "M P's"; unknown vowel-less ones of 2–4 letters are spelled
 * too, and so are unlisted short or unpronounceable ones ("SEC", "NCAA") outside a run of capitals.
 */
export function sayAcronyms(text: string): string {
  return spellMixedInitialisms(text).replace(
    /(?<![\p{L}\p{N}'’])(\p{Lu}{2,})(s|'s)?(?![\p{L}\p{N}])/gu,
    (all: string, letters: string, ending = '', offset: number, whole: string) => {
      if (WORDS.has(letters)) return letters[0] + letters.slice(1).toLowerCase() + ending;
      const vowelless = letters.length <= 4 && !/[AEIOU]/.test(letters);
      const spelled =
        SPELLED.has(letters) ||
        vowelless ||
        (looksSpelled(letters) && !inCapitalsRun(whole.slice(0, offset), whole.slice(offset + all.length)));
      return spelled ? spell(letters) + (ending === 's' ? "'s" : ending) : all;
    },
  );
}

export function sayPhrases(text: string, held: HeldWords): string {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}/])(${alternation(Object.keys(rules.phrases))})(?![\\p{L}\\p{N}/])`, 'gu');
  return text.replace(pattern, (phrase: string) => held.hold(rules.phrases[phrase] ?? phrase));
}

// biome-ignore lint/suspicious/noMisleadingCharacterClass: each joiner and selector is removed on its own
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}]/gu;
/** Everything else that has no sound: dropped rather than spelled out by the engine. */
const STRAY = /[*~^|\\<>_`[\]{}•·†‡¶™®©¬¦]/g;

export function saySymbols(text: string): string {
  const words = Object.entries(rules.symbolWords);
  let result = text
    .replace(EMOJI, ' ')
    .replace(/#(?=\p{L})/gu, 'hashtag ')
    .replace(/(?<![\p{L}\p{N}])@(?=\w)/gu, 'at ')
    .replace(/(?<=\p{Ll})\/(?=\p{Ll})/gu, ' or ')
    .replace(/\//g, ' slash ');
  for (const [symbol, word] of words) result = result.split(symbol).join(` ${word} `);
  return result.replace(STRAY, ' ');
}

/** Quotes straightened; dashes, ellipses and brackets become the comma pauses a reader makes. */
export function straightenQuotes(text: string): string {
  // French guillemets carry a space inside them: « bravo » → "bravo".
  return text
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/«\s*/g, '"')
    .replace(/\s*»/g, '"')
    .replace(/[“”„‟″]/g, '"');
}

export function sayPunctuation(text: string): string {
  return text
    .replace(/\s*(?:\.{3,}|…)\s*/g, ', ')
    .replace(/\s*[—―]\s*|\s+[–-]\s+|\s*–\s*/g, ', ')
    .replace(/\s*[([]\s*/g, ', ')
    .replace(/\s*[)\]]/g, ',');
}

export function tidySpaces(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/,(?:\s*,)+/g, ',')
    .replace(/,\s*([.;:!?])/g, '$1')
    .replace(/([.;:!?])\s*,/g, '$1')
    .replace(/,(?=\S)(?![\d"'])/g, ', ')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .trim();
}
