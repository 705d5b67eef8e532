/** Money, ranges, ordinals, years, counts, decimals, fractions and units. */
import { alternation, rules, type CurrencyName } from './normalize-rules.js';
import { sayCardinal, sayDecade, sayFraction, sayNumber, sayOrdinal, sayYear } from './number-words.js';

const NUMBER = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const SIGNS = alternation(Object.keys(rules.currencySigns));
/** Short scales ("$3m", "$50k") must touch the number; words and "bn" may stand apart. */
const SCALE = `(?:\\s?(thousand|million|billion|trillion|bn|mn|tn)|(k|m|b|tr))(?![\\p{L}\\p{N}])`;
const CURRENCY = new RegExp(`(?<![\\p{L}\\p{N}])(${SIGNS})\\s?(${NUMBER})(?:${SCALE})?`, 'gu');

function sayMoney(sign: string, amount: string, scale: string | undefined): string {
  const name: CurrencyName | undefined = rules.currencySigns[sign];
  if (!name) return `${amount}${scale ?? ''}`;
  if (scale) {
    const scaleWord = rules.currencyScales[scale.toLowerCase()] ?? scale;
    return `${sayNumber(amount)} ${scaleWord} ${name.many}`;
  }
  const [whole = '0', fraction] = amount.replace(/,/g, '').split('.');
  const main = `${sayCardinal(whole)} ${whole === '1' ? name.one : name.many}`;
  if (fraction === undefined || /^0+$/.test(fraction)) return main;
  if (fraction.length > 2) return `${sayNumber(amount)} ${name.many}`;
  const minor = Number(fraction.padEnd(2, '0'));
  const minorWords = `${sayCardinal(minor)} ${minor === 1 ? name.minorOne : name.minorMany}`;
  return Number(whole) === 0 ? minorWords : `${main} and ${minorWords}`;
}

function replaceMoney(text: string): string {
  return text.replace(CURRENCY, (_all, sign: string, amount: string, wordScale?: string, shortScale?: string) =>
    sayMoney(sign, amount, wordScale ?? shortScale),
  );
}

/** "2010–2014" → "2010 to 2014"; "2010-14" → "2010 to 2014"; "5-10" → "5 to 10". A falling pair (a score, "3-2") loses only the dash. */
function replaceRanges(text: string): string {
  return text.replace(
    /(?<![\p{L}\p{N}.,/-])(\d[\d,]*(?:\.\d+)?)\s?[-–—]\s?(\d[\d,]*(?:\.\d+)?)(?![\d/]|-\d)/gu,
    (_all, from: string, to: string) => {
      let end = to;
      if (/^(1\d|20)\d\d$/.test(from) && /^\d\d$/.test(to)) end = from.slice(0, 2) + to;
      const rising = Number(from.replace(/,/g, '')) < Number(end.replace(/,/g, ''));
      return rising ? `${from} to ${end}` : `${from} ${end}`;
    },
  );
}

const COUNT_WORDS = new Set(rules.countWords);
const UNIT_PATTERN = alternation(Object.keys(rules.units));

function isYear(digits: string, before: string, after: string): boolean {
  if (!/^(1\d{3}|20\d{2})$/.test(digits)) return false;
  if (/(?:No\.|#|\$|€|£|\d[.,])\s?$/.test(before)) return false;
  const next = /^\s?([\p{L}%°]+)/u.exec(after)?.[1];
  if (next === undefined) return true;
  return !COUNT_WORDS.has(next.toLowerCase()) && next !== '%' && !new RegExp(`^(?:${UNIT_PATTERN})$`).test(next);
}

function sayUnit(value: string, unit: string): string {
  const [one = unit, many = unit] = rules.units[unit] ?? [];
  return value === '1' ? one : many;
}

/** Every number left after money, dates and times: ordinals, decades, years, counts, decimals, units. */
function replaceNumbers(text: string): string {
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(-|−)?(${NUMBER})(?:(st|nd|rd|th)(?!\\p{L})|('?s)(?!\\p{L})|(\\s?(?:${UNIT_PATTERN}))(?![\\p{L}\\p{N}]))?(?!\\p{N}|\\.\\d)`,
    'gu',
  );
  return text.replace(
    pattern,
    (all, minus: string | undefined, number: string, ordinal?: string, plural?: string, unit?: string, offset = 0, whole = '') => {
      const before = whole.slice(0, offset);
      const after = whole.slice(offset + all.length);
      const sign = minus && /(^|[\s(])$/.test(before) ? 'minus ' : (minus ?? '');
      if (ordinal) return `${sign}${sayOrdinal(number.replace(/,/g, ''))}`;
      if (plural) return /^\d{2,4}$/.test(number) && number.endsWith('0') ? sayDecade(number) : `${sayNumber(number)}${plural}`;
      if (unit) {
        const name = unit.trim();
        // A single-letter unit ("20C") only counts when it touches the number.
        if (name.length === 1 && unit !== name) return `${sign}${sayNumber(number)}${unit}`;
        return `${sign}${sayNumber(number)} ${sayUnit(number, name)}`;
      }
      if (!minus && !number.includes(',') && !number.includes('.') && isYear(number, before, after)) return sayYear(number);
      if (/^0\d+$/.test(number)) return `${sign}${[...number].map((d) => sayCardinal(d)).join(' ')}`;
      // A code or unit the rules do not know ("100m", "4x4") keeps its letters, apart from the number.
      const glued = /^\p{L}/u.test(after) ? ' ' : '';
      return `${sign}${sayNumber(number)}${glued}`;
    },
  );
}

const VULGAR: Record<string, [number, number]> = { '½': [1, 2], '⅓': [1, 3], '⅔': [2, 3], '¼': [1, 4], '¾': [3, 4], '⅛': [1, 8] };

function replaceFractions(text: string): string {
  return text
    .replace(/(\d+)?\s?([½⅓⅔¼¾⅛])/gu, (_all, whole: string | undefined, glyph: string) => {
      const [n, d] = VULGAR[glyph]!;
      const part = n === 1 ? `a ${sayFraction(1, d).split(' ')[1]}` : sayFraction(n, d);
      if (whole) return `${whole} and ${part}`;
      return n === 1 && d === 2 ? 'half' : sayFraction(n, d);
    })
    .replace(
      /(?<![\p{L}\p{N}/.])(?:(\d+) )?(\d{1,3})\/(\d{1,3})(?![\p{N}/])/gu,
      (_all, whole: string | undefined, top: string, bottom: string) => {
        const n = Number(top);
        const d = Number(bottom);
        const prefix = whole ? `${whole} and ` : '';
        if (n === d) return `${prefix}${top} ${bottom}`;
        if (d >= 2 && d <= 10 && n < d && n > 0)
          return whole && n === 1 ? `${prefix}a ${sayFraction(1, d).split(' ')[1]}` : `${prefix}${sayFraction(n, d)}`;
        return `${prefix}${top} slash ${bottom}`;
      },
    );
}

/** "No. 10" → "number 10", "#1" → "number 1": before the digits are read, so the number is a count, not a year. */
function replaceNumberSigns(text: string): string {
  return text.replace(/(?<![\p{L}])(?:No\.|Nos\.|#)\s?(?=\d)/gu, 'number ');
}

/** World War II, Elizabeth II: only multi-letter numerals after a capitalized word, so "V" and "I" stay letters. */
const ROMAN: Record<string, number> = {
  II: 2,
  III: 3,
  IV: 4,
  VI: 6,
  VII: 7,
  VIII: 8,
  IX: 9,
  XI: 11,
  XII: 12,
  XIII: 13,
  XIV: 14,
  XV: 15,
  XVI: 16,
};
const ROMAN_AFTER = new RegExp(`(${alternation(rules.romanAfterWords)})$`);

function replaceRomanNumerals(text: string): string {
  return text.replace(
    new RegExp(`(?<=\\p{Lu}\\p{Ll}+ )(${alternation(Object.keys(ROMAN))})(?![\\p{L}\\p{N}])`, 'gu'),
    (numeral: string, _numeral: string, offset: number, whole: string) => {
      const value = ROMAN[numeral]!;
      return ROMAN_AFTER.test(whole.slice(0, offset).trimEnd()) ? sayCardinal(value) : `the ${sayOrdinal(value)}`;
    },
  );
}

/** "the '90s" → "the nineties": the apostrophe stands for the century. */
function replaceShortDecades(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}])['’](\d0)s(?!\p{L})/gu, (_all, decade: string) => sayDecade(decade));
}

/** "COVID-19" → "COVID 19", "MH17" → "MH 17": a code's number is read on its own. */
function separateCodes(text: string): string {
  return text.replace(/(?<=[\p{L}])-(?=\d)/gu, ' ').replace(/(?<=\p{Lu})(?=\d)/gu, ' ');
}

export function normalizeNumbers(text: string): string {
  const steps = [
    replaceMoney,
    replaceShortDecades,
    separateCodes,
    replaceRomanNumerals,
    replaceNumberSigns,
    replaceRanges,
    replaceFractions,
    replaceNumbers,
  ];
  return steps.reduce((current, step) => step(current), text);
}
