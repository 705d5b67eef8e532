/** Numbers on their own: fractions, "No. 5", decades, ordinals, years, counts, decimals and digit strings. */
import type { HeldWords } from './held.js';
import { numberStart } from './held.js';
import { rules } from './normalize-rules.js';
import { NUMBER, nameUnit, UNIT_PATTERN } from './normalize-quantities.js';
import { sayCardinal, sayDecade, sayDigits, sayFraction, sayNumber, sayOrdinal, sayYear, sayYearPair } from './number-words.js';

const LEAD = numberStart('/');
const COUNT_WORDS = new Set(rules.countWords);
const VULGAR: Record<string, [number, number]> = {
  '½': [1, 2],
  '⅓': [1, 3],
  '⅔': [2, 3],
  '¼': [1, 4],
  '¾': [3, 4],
  '⅕': [1, 5],
  '⅛': [1, 8],
  '⅜': [3, 8],
  '⅝': [5, 8],
  '⅞': [7, 8],
};

/** "a half", "a quarter", "three quarters": how a fraction is said after a whole number ("two and a half"). */
function sayFractionPart(n: number, d: number): string {
  return n === 1 ? `a ${sayFraction(1, d).split(' ').slice(1).join(' ')}` : sayFraction(n, d);
}

/** "3/4" → "three quarters"; "1 1/2 cups" → "one and a half cups"; "4 1/2 lbs" → "four and a half pounds"; "50/50" → "fifty fifty". */
function sayFractions(text: string, held: HeldWords): string {
  const glyphs = Object.keys(VULGAR).join('');
  const written = new RegExp(
    `${LEAD}(?:(?<whole>\\d+)(?: |(?=[${glyphs}])))?(?:(?<glyph>[${glyphs}])|(?<top>\\d{1,3})\\/(?<bottom>\\d{1,3})(?:st|nd|rd|th|ST|ND|RD|TH)?)` +
      `(?<unit>${UNIT_PATTERN})?(?![\\p{N}/])`,
    'gu',
  );
  return text.replace(written, (all: string, ...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const offset = args.at(-3) as number;
    // "½ a mile" is half a mile; "½" on its own is one half.
    const end = offset + all.length - (groups.unit?.length ?? 0);
    const halfOf = groups.glyph === '½' && /^\s+an?\s/.test(text.slice(end));
    const [n, d] = groups.glyph ? VULGAR[groups.glyph]! : [Number(groups.top), Number(groups.bottom)];
    let words: string;
    if (!groups.glyph && n === d) words = `${sayCardinal(n)} ${sayCardinal(d)}`;
    else if (groups.whole) words = `${sayCardinal(groups.whole)} and ${sayFractionPart(n, d)}`;
    else words = halfOf ? 'half' : sayFraction(n, d);
    const rest = text.slice(offset + all.length);
    // A letter right after the fraction ("8/7c") is said on its own.
    const glued = /^\p{L}/u.test(rest) ? ' ' : '';
    if (!groups.unit) return held.hold(words) + glued;
    const [unit, stop] = nameUnit(groups.unit, rest);
    return held.hold(`${words} ${unit}`) + stop + glued;
  });
}

/** "2x8 m2" → "two by eight square meters": dimensions, not a code. */
function sayDimensions(text: string, held: HeldWords): string {
  const side = '(\\d+(?:\\.\\d+)?)';
  const pattern = new RegExp(`${LEAD}${side}\\s?[x×]\\s?${side}(?:\\s?[x×]\\s?${side})?(?<unit>${UNIT_PATTERN})?(?![\\p{L}\\p{N}])`, 'gu');
  return text.replace(pattern, (all: string, ...args: unknown[]) => {
    const [first, second, third] = args as [string, string, string | undefined];
    const groups = args.at(-1) as Record<string, string | undefined>;
    const offset = args.at(-3) as number;
    const sides = [first, second, third].filter((side): side is string => side !== undefined).map(sayNumber);
    if (!groups.unit) return held.hold(sides.join(' by '));
    const [unit, stop] = nameUnit(groups.unit, text.slice(offset + all.length));
    return held.hold(`${sides.join(' by ')} ${unit}`) + stop;
  });
}

/** "No. 10" → "number ten", "#1" → "number one": a count, never a year. */
function sayNumberSigns(text: string, held: HeldWords): string {
  return text
    .replace(/(?<![\p{L}.])(?:c\.|ca\.|circa)\s?(\d{3,4})(?![\p{N}]|[.,]\d)/gu, (_all, year: string) => held.hold(`circa ${sayYear(year)}`))
    .replace(/(?<![\p{L}])(?:No\.|no\.|Nos\.|#|№)\s?(\d+)(?![\p{N}])/gu, (_all, digits: string) =>
      held.hold(`number ${sayCardinal(digits)}`),
    );
}

/** "the 1990s", "in his 40s", "the '90s", "1960s-80s" → "nineteen sixties to eighties". */
function sayDecades(text: string, held: HeldWords): string {
  const decade = `(?:['’]?(\\d{1,3}0)['’]?s)`;
  const pattern = new RegExp(
    `${LEAD}${decade.replace('(\\d', '(?<first>\\d')}(?:\\s?[-–]\\s?${decade.replace('(\\d', '(?<second>\\d')})?(?!\\p{L})`,
    'gu',
  );
  return text.replace(pattern, (_all, ...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const first = sayDecade(groups.first!);
    return held.hold(groups.second ? `${first} to ${sayDecade(groups.second)}` : first);
  });
}

/** "in '08" → "in oh eight", "the class of '99" → "ninety-nine": a year written with its century left out. */
function sayShortYears(text: string, held: HeldWords): string {
  return text.replace(/(?<![\p{L}\p{N}'])'(\d\d)(?![\p{N}'’]|[.,]\d|\p{L})/gu, (_all, pair: string) =>
    held.hold(pair === '00' ? 'oh oh' : sayYearPair(pair)),
  );
}

const SUFFIXES: Record<string, string> = { 1: 'st', 2: 'nd', 3: 'rd' };

/** The suffix a number takes: "1st", "11th", "22nd". */
function suffixOf(digits: string): string {
  const lastTwo = Number(digits.slice(-2));
  if (lastTwo >= 11 && lastTwo <= 13) return 'th';
  return SUFFIXES[digits.slice(-1)] ?? 'th';
}

function isYear(digits: string, before: string, after: string): boolean {
  if (!/^(1\d{3}|20\d{2})$/.test(digits)) return false;
  if (/(?:#|\d[.,])\s?$/.test(before)) return false;
  const next = /^\s?([\p{L}%°]+)/u.exec(after)?.[1];
  return next === undefined || !COUNT_WORDS.has(next.toLowerCase());
}

/** Every number left after money, dates, times and codes; one after a slash too ("975/2383"), since no fraction took it. */
function sayPlainNumbers(text: string, held: HeldWords): string {
  const pattern = new RegExp(
    `${numberStart()}(?<neg>[-−])?(?<num>${NUMBER})(?:(?<ord>st|nd|rd|th|ST|ND|RD|TH)(?!\\p{L})|(?<possessive>['’]s)(?!\\p{L}))?(?![\\p{N}]|[.,]\\d)`,
    'gu',
  );
  return text.replace(pattern, (all: string, ...args: unknown[]) => {
    const groups = args.at(-1) as Record<string, string | undefined>;
    const offset = args.at(-3) as number;
    const number = groups.num!;
    const digits = number.replace(/,/g, '');
    const before = text.slice(0, offset);
    const after = text.slice(offset + all.length);
    const minus = groups.neg && /(^|[\s("'])$/.test(before) ? 'minus ' : (groups.neg ?? '');
    let words: string;
    if (groups.ord) {
      const fits = !digits.includes('.') && groups.ord.toLowerCase() === suffixOf(digits);
      words = fits ? sayOrdinal(digits) : `${sayNumber(number)} ${groups.ord.toLowerCase()}`;
    } else if (!groups.neg && !number.includes(',') && !number.includes('.') && isYear(number, before, after)) words = sayYear(number);
    else if (/^0\d+$/.test(number) || /^\d{16,}$/.test(number)) words = sayDigits(number);
    else words = sayNumber(number);
    const possessive = groups.possessive ? "'s" : '';
    // A letter right after the number ("4.4x", "16c") is said on its own.
    const glued = /^\p{L}/u.test(after) ? ' ' : '';
    return held.hold(`${minus}${words}${possessive}`) + glued;
  });
}

export function sayNumbers(text: string, held: HeldWords): string {
  const steps = [sayNumberSigns, sayDimensions, sayFractions, sayDecades, sayShortYears, sayPlainNumbers];
  return steps.reduce((current, step) => step(current, held), text);
}
