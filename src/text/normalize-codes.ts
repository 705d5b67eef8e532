/** Model numbers, letter-and-number codes, telephone numbers, ZIP codes and Roman numerals. */
import type { HeldWords } from './held.js';
import { HELD_CLASS } from './held.js';
import { alternation, isFunctionWord, monthOf, rules } from './normalize-rules.js';
import { sayCardinal, sayDigits, sayModelNumber, sayOrdinal, sayYear } from './number-words.js';

/** "Boeing 737-800" → "seven thirty-seven eight hundred": a model number, not a range. */
function sayModelNumbers(text: string, held: HeldWords): string {
  const pattern = new RegExp(
    `(?<=(?<![\\p{L}])(?:${alternation(rules.modelMakers)})\\s)(\\d{2,4})(?:-(\\d{1,4}))?(?![\\p{N}]|[.,]\\d)`,
    'gu',
  );
  return text.replace(pattern, (_all, model: string, variant?: string) =>
    held.hold(variant ? `${sayModelNumber(model)} ${sayModelNumber(variant)}` : sayModelNumber(model)),
  );
}

/** Prefixes written before a number with a hyphen that are words, not codes: "pre-2020", "under-21s". */
const WORD_PREFIXES = new Set([
  'mid',
  'pre',
  'post',
  'under',
  'over',
  'anti',
  'non',
  'top',
  'sub',
  'late',
  'early',
  'ex',
  'self',
  'all',
  'multi',
]);

const WORD_ACRONYMS = new Set(rules.wordAcronyms);

/** "F-35" → "F thirty-five", "BA117" → "B A one seventeen", "MH17" → "M H seventeen", "A320" → "A three twenty", "COVID-19" → "COVID nineteen". */
function sayLetterCodes(text: string, held: HeldWords): string {
  const pattern = /(?<![\p{L}\p{N}.-])(\p{Lu}[\p{L}]{0,5}|\p{Ll}{1,6}(?=-))(-?)(\d{1,4})(?![\p{N}]|[.,]\d)/gu;
  return text.replace(pattern, (all, letters: string, hyphen: string, digits: string) => {
    // "pre-2020" is a word; "Jan-15" a date, read with the dates.
    if (WORD_PREFIXES.has(letters.toLowerCase()) || monthOf(letters)) return all;
    // A capitalized word glued to a number ("Windows11") is rare; a word before a hyphen is a code only in capitals or lower case.
    if (!hyphen && /^\p{Lu}\p{Ll}{2,}$/u.test(letters)) return all;
    const words = digits.length >= 3 ? sayModelNumber(digits) : sayCardinal(digits);
    // Capitals before the digits are letters ("BA117" → "B A one seventeen"), unless they are said as a word ("COVID").
    const said = /^\p{Lu}{2,}$/u.test(letters) && !WORD_ACRONYMS.has(letters) ? held.hold(letters.split('').join(' ')) : letters;
    return `${said} ${held.hold(words)}`;
  });
}

/** Digits read one by one in groups, a pause between groups: "+1 202-555-0143" → "one, two zero two, five five five, zero one four three". */
function sayGroups(groups: string[]): string {
  return groups.map((group) => (group === '800' ? 'eight hundred' : sayDigits(group))).join(', ');
}

const PHONE_WORDS = '(?:call|phone|telephone|tel\\.?|Tel\\.?|hotline|helpline|fax|dial|text|at|on|number|Call|Phone|Dial|Text)';

function sayTelephones(text: string, held: HeldWords): string {
  const edge = `(?<![\\p{L}\\p{N}+\\-./${HELD_CLASS}])`;
  const after = '(?![\\p{N}]|[-.]\\d)';
  return (
    text
      // +44 20 7946 0958, +1-202-555-0143, +1 (202) 555-0143, 1-800-555-0199, (202) 555-0143, 202-555-0143
      .replace(
        new RegExp(
          `${edge}(?:(\\+\\d{1,3}|1)[\\s.-]?)?(?:\\((\\d{3})\\)|(\\d{3}))[\\s.-]{0,2}(\\d{3})[\\s.-](\\d{4})(?:[\\s-](?:ext\\.?\\s?|x)?(\\d{1,5}))?${after}`,
          'gu',
        ),
        (all, country?: string, bracketed?: string, area?: string, exchange?: string, line?: string, extension?: string) => {
          if (country === undefined && bracketed === undefined && /^\d{3} \d{3} \d{4}/.test(all)) return all;
          const groups = [country?.replace('+', ''), bracketed ?? area, exchange, line, extension].filter((g): g is string => Boolean(g));
          return held.hold(sayGroups(groups));
        },
      )
      .replace(new RegExp(`${edge}\\+(\\d{1,3})[\\s-]\\d{1,4}(?:[\\s.-]\\d{1,8}){1,4}${after}`, 'gu'), (all: string) =>
        held.hold(sayGroups(all.replace('+', '').split(/[\s.-]+/))),
      )
      // 020 7946 0958, 0800 123 4567: a number with a trunk zero, in groups of three or four
      .replace(new RegExp(`${edge}(0\\d{2,4})\\s(\\d{3,4})\\s(\\d{3,4})${after}`, 'gu'), (_all, ...groups: unknown[]) =>
        held.hold(sayGroups(groups.slice(0, 3) as string[])),
      )
      // "call 911", "dial 999", "text HOME to 741741": an emergency number or a short code is dialled digit by digit
      .replace(
        new RegExp(
          `(?<=(?<![\\p{L}])(?:call|dial|text|Call|Dial|Text|calling|dialling|dialing|texting)\\s(?:\\p{Lu}+\\sto\\s)?)` +
            `(\\d{3,6})(?![\\p{N}]|[-.,]\\d|\\s+(?:${alternation(rules.countWords)})\\b)`,
          'gu',
        ),
        (digits: string) => (/^(1\d{3}|20\d{2})$/.test(digits) ? digits : held.hold(sayDigits(digits))),
      )
      // 555-0199 after a word that asks for a number
      .replace(new RegExp(`(?<=${PHONE_WORDS}\\s)(\\d{3})-(\\d{4})${after}`, 'gu'), (_all, a: string, b: string) =>
        held.hold(sayGroups([a, b])),
      )
  );
}

const ZIP = '(\\d{5})(?:-(\\d{4}))?(?![\\p{N}]|[.,]\\d)';

function sayZip(zip: string, plusFour?: string): string {
  return plusFour ? `${sayDigits(zip)}, ${sayDigits(plusFour)}` : sayDigits(zip);
}

/** "ZIP code 10001", "Beverly Hills, CA 90210" → "California nine zero two one zero", "Boston, Massachusetts 02108". */
function sayZipCodes(text: string, held: HeldWords): string {
  const afterWord = new RegExp(`(?<=(?<![\\p{L}])(?:${alternation(rules.zipAfter)}),?\\s)${ZIP}`, 'gu');
  const afterCode = new RegExp(`(?<=,\\s)(${alternation(Object.keys(rules.stateCodes))}|D\\.C\\.),?\\s${ZIP}`, 'gu');
  // A state's name is followed by many numbers; only one that ends the address is a ZIP code.
  const afterName = new RegExp(
    `(?<=,\\s(?:${alternation([...Object.values(rules.stateCodes), ...Object.keys(rules.states)])})\\s)${ZIP}(?!\\s+\\p{Ll})`,
    'gu',
  );
  return text
    .replace(afterWord, (_all, zip: string, plusFour?: string) => held.hold(sayZip(zip, plusFour)))
    .replace(afterCode, (_all, code: string, zip: string, plusFour?: string) =>
      held.hold(`${rules.stateCodes[code] ?? 'D C'} ${sayZip(zip, plusFour)}`),
    )
    .replace(afterName, (_all, zip: string, plusFour?: string) => held.hold(sayZip(zip, plusFour)));
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
const VALID_ROMAN = /^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

function readRoman(numeral: string): number {
  let total = 0;
  for (let i = 0; i < numeral.length; i += 1) {
    const value = ROMAN_VALUES[numeral[i]!]!;
    const next = ROMAN_VALUES[numeral[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

const CARDINAL_AFTER = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(rules.romanCardinalAfter)})\\s$`, 'u');
const REGNAL_AFTER = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(rules.regnalTitles)})\\s(?:\\p{Lu}\\p{Ll}+\\s){1,2}$`, 'u');
const NOT_ROMAN = new Set(rules.notRoman);
const CENTURY_AFTER = /^\s+(?:century|centuries|millennium)\b/;

/** "MMXX" → "twenty twenty", "MCMXCIV" → "nineteen ninety-four": a numeral of four letters or more from M up is a year, as on a film's credits or a cornerstone. */
function sayRomanYears(text: string, held: HeldWords): string {
  return text.replace(/(?<![\p{L}\p{N}'’-])(M[MDCLXVI]{3,})(?![\p{L}\p{N}'’-])/gu, (numeral: string) =>
    VALID_ROMAN.test(numeral) && !NOT_ROMAN.has(numeral) ? held.hold(sayYear(readRoman(numeral))) : numeral,
  );
}

/**
 * "Elizabeth II" → "Elizabeth the second", "Henry VIII's" → "Henry the eighth's", "Chapter IV" → "Chapter four", "Super Bowl LVIII" →
 * "Super Bowl fifty-eight". Only after a capitalized word, so "I" and "MIX" stay words.
 */
export function sayRomanNumerals(text: string, held: HeldWords): string {
  return sayRomanYears(text, held).replace(
    /(?<=[\p{L}.] )([IVXLCDM]+)(?=['’]s(?!\p{L})|(?![\p{L}\p{N}'’-]))/gu,
    (numeral: string, _n: string, offset: number, whole: string) => {
      if (!VALID_ROMAN.test(numeral)) return numeral;
      const before = whole.slice(0, offset);
      // "the XXI century" is the twenty-first century.
      if (numeral.length > 1 && !NOT_ROMAN.has(numeral) && CENTURY_AFTER.test(whole.slice(offset + numeral.length)))
        return held.hold(sayOrdinal(readRoman(numeral)));
      const cardinal = CARDINAL_AFTER.test(before);
      const regnal = !cardinal && REGNAL_AFTER.test(before);
      // A name, not a capitalized "The" or "In", before the numeral ("The IV drip" is no king's).
      const name = /(?:^|[^\p{L}])(\p{Lu}\p{Ll}+)\s$/u.exec(before)?.[1];
      const namedBefore = name !== undefined && !isFunctionWord(name);
      if (!cardinal && !regnal && (!namedBefore || numeral.length === 1 || NOT_ROMAN.has(numeral))) return numeral;
      if (cardinal && numeral === 'I' && !/(?:War|Part|Chapter|Act|Phase|Book|Volume|Title|Article|Section|Stage)\s$/.test(before))
        return numeral;
      const value = readRoman(numeral);
      return held.hold(cardinal ? sayCardinal(value) : `the ${sayOrdinal(value)}`);
    },
  );
}

export function sayCodes(text: string, held: HeldWords): string {
  return sayLetterCodes(sayModelNumbers(sayZipCodes(sayTelephones(text, held), held), held), held);
}
