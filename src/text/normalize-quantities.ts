/**
 * Amounts as one span each: money, measures, percentages, magnitudes, rates ("$20/mo", "12/kg")
 * and ranges of them ("$250-$300", "5–10%", "2-5lb"). The whole expression is found in the text
 * as written and said once, so the unit, the scale and the "to" of a range are decided together.
 */
import type { HeldWords } from './held.js';
import { numberStart } from './held.js';
import { alternation, type CurrencyName, keptStop, rules } from './normalize-rules.js';
import { sayCardinal, sayNumber, sayYear } from './number-words.js';

export const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+`;

interface UnitName {
  form: string;
  one: string;
  many: string;
}

/** Each unit as written, plus its capital and lower-case spellings ("KG", "MBPS") unless those are units themselves. */
function collectUnits(): Map<string, UnitName> {
  const forms = new Map<string, UnitName>();
  for (const [form, [one = form, many = one]] of Object.entries(rules.units)) forms.set(form, { form, one, many });
  for (const name of [...forms.values()]) {
    if (name.form.length < 2 || !/\p{L}/u.test(name.form)) continue;
    for (const variant of [name.form.toUpperCase(), name.form.toLowerCase()]) if (!forms.has(variant)) forms.set(variant, name);
  }
  return forms;
}

const UNITS = collectUnits();
const PER = new Map(Object.entries(rules.perUnits).flatMap(([form, name]) => [[form, name] as const, [form.toLowerCase(), name] as const]));
const TOUCH_ONLY = new Set(rules.touchOnlyUnits);
const COUNT_WORDS = new Set(rules.countWords);
const PLURAL_BEFORE = new Set(rules.pluralBefore);
const DETERMINERS = new RegExp(`(?:^|[\\s"'(])(?:${alternation(rules.determiners)})\\s+$`, 'u');
const SIZE_WORDS = new Set(['tall', 'high', 'long', 'wide', 'deep', 'away', 'thick']);
const WORD_SCALES = 'thousand|million|billion|trillion';

/**
 * A unit after a number: any unit touching it ("12kg", "6in"); after a space, only the units that
 * are no ordinary word or letter there ("5 km", "5-10 min"), and "in." with its period ("6 in. of
 * snow"). A spaced "in" is left in the text as the word it is ("3 in 10 adults", "6-3 in June").
 * An abbreviation's period after a unit ("90 pct. of") is taken with it, and said as a full stop
 * only where a sentence ends.
 */
const SPACED_AS_LISTED = new Set(rules.spacedAsListedUnits);

/** Whether a unit counts after a space; some only as listed, since in capitals they are acronyms ("5 SEC filings", "3 MS patients"). */
function countsSpaced(written: string): boolean {
  const { form } = UNITS.get(written)!;
  return !TOUCH_ONLY.has(form) && (written === form || !SPACED_AS_LISTED.has(form));
}

export const UNIT_PATTERN =
  `(?:${alternation(UNITS.keys())}|\\s(?:${alternation([...UNITS.keys()].filter(countsSpaced))})` +
  `|\\s(?:${alternation(rules.withPeriodUnits)})(?=\\.))(?![\\p{L}\\p{N}])(?:(?<=\\p{L})\\.(?!\\p{N}))?`;

function quantity(i: number): string {
  return (
    `(?:(?<cur${i}>${alternation(Object.keys(rules.currencySigns))})\\s?)?(?<num${i}>${NUMBER})` +
    `(?:\\s(?<word${i}>${WORD_SCALES})(?!\\p{L})|(?<short${i}>\\s?(?:bn|mn|tn|BN)|[kKmMbBT]|tr)(?![\\p{L}\\p{N}]))?` +
    `(?<unit${i}>${UNIT_PATTERN})?` +
    `(?:\\s?(?:/|\\sper\\s)\\s?(?<per${i}>${alternation(PER.keys())})(?![\\p{L}\\p{N}]))?`
  );
}

const AMOUNTS = new RegExp(`${numberStart('/\\-−')}(?<neg>[-−])?${quantity(1)}(?:\\s?[-–—]\\s?${quantity(2)})?(?![\\p{N}]|[.,]\\d)`, 'gu');

interface Amount {
  currency: CurrencyName | undefined;
  number: string;
  scale: string | undefined;
  unit: UnitName | undefined;
  /** A letter that is no unit or scale here ("10k race", "Apt. 4B"): said after the number as it is. */
  trailing: string;
  per: string | undefined;
}

interface Context {
  /** The amount is used as a compound modifier: "a five kilometer run", "a three million dollar deal". */
  compound: boolean;
  nextWord: string | undefined;
}

type Groups = Record<string, string | undefined>;

/** Reads the short scale after a number: "m" is million before a count ("2.5m people") or after money, a meter otherwise. */
function readShortScale(short: string, amount: Amount, nextWord: string | undefined): void {
  const letter = short.trim();
  const beforeCount = nextWord !== undefined && COUNT_WORDS.has(nextWord);
  if (letter === 'm' && !amount.currency && !beforeCount) {
    const decimal = amount.number.includes('.');
    if (!decimal || (nextWord !== undefined && SIZE_WORDS.has(nextWord))) {
      amount.unit = UNITS.get('m');
      return;
    }
  }
  // "10k race", "Apt. 4B": a letter, unless it follows money or comes before a count.
  if (/^[kKbBT]$/.test(letter) && !amount.currency && !beforeCount && !amount.number.includes('.')) {
    amount.trailing = ` ${letter.toUpperCase()}`;
    return;
  }
  amount.scale = rules.currencyScales[letter.toLowerCase()] ?? letter;
}

function readAmount(groups: Groups, i: number, nextWord: string | undefined): Amount {
  const sign = groups[`cur${i}`];
  const amount: Amount = {
    currency: sign ? rules.currencySigns[sign] : undefined,
    number: groups[`num${i}`] ?? '0',
    scale: groups[`word${i}`],
    unit: undefined,
    trailing: '',
    per: groups[`per${i}`],
  };
  const short = groups[`short${i}`];
  if (short) readShortScale(short, amount, nextWord);
  const unit = groups[`unit${i}`];
  if (unit) {
    const name = UNITS.get(unit.trim().replace(/\.$/, ''));
    // A spaced "m" is a meter ("5-10 m away"), but a million after money or before a count ("$5 m", "2.5 m people").
    const million = name?.form === 'm' && (amount.currency !== undefined || (nextWord !== undefined && COUNT_WORDS.has(nextWord)));
    if (million) amount.scale = rules.currencyScales.m;
    else amount.unit = name;
  }
  return amount;
}

function hasWords(amount: Amount): boolean {
  return Boolean(amount.currency || amount.scale || amount.unit || amount.per);
}

/** "$32.95" → "thirty-two dollars and ninety-five cents"; "$.02" → "two cents"; "$20.500" → "twenty dollars and fifty cents". */
function sayMoney(name: CurrencyName, number: string, compound: boolean): string {
  const [whole = '', written = ''] = number.replace(/,/g, '').split('.');
  const fraction = written.length > 2 && /^0+$/.test(written.slice(2)) ? written.slice(0, 2) : written;
  const main = `${sayCardinal(whole || '0')} ${whole === '1' || compound ? name.one : name.many}`;
  if (fraction === '' || /^0+$/.test(fraction)) return main;
  if (fraction.length > 2) return `${sayNumber(number)} ${name.many}`;
  const minor = Number(fraction.padEnd(2, '0'));
  const minorWords = `${sayCardinal(minor)} ${minor === 1 ? name.minorOne : name.minorMany}`;
  return Number(whole || '0') === 0 ? minorWords : `${main} and ${minorWords}`;
}

/** One amount in words; `withCurrency` is false for the first half of "$5-10 million", which shares the second's name. */
function sayAmount(amount: Amount, context: Context, withCurrency = true): string {
  const { currency, number, scale, unit, per } = amount;
  let words: string;
  if (currency && !scale && withCurrency) words = sayMoney(currency, number, context.compound);
  else {
    words = sayNumber(number);
    if (scale) words += ` ${scale}`;
    if (currency && withCurrency) words += ` ${context.compound ? currency.one : currency.many}`;
  }
  if (unit) {
    const single = (number === '1' && !scale) || (context.compound && unit.form !== '%');
    words += ` ${single ? unit.one : unit.many}`;
  }
  words += amount.trailing;
  if (per) words += ` per ${PER.get(per) ?? PER.get(per.toLowerCase()) ?? per}`;
  return words;
}

function isYearLike(number: string): boolean {
  return /^(1\d{3}|20\d{2})$/.test(number);
}

/**
 * Two bare numbers joined by a dash, with "to" between them as a newsreader says a range, a score
 * or a vote ("5-10", "won 3-2", "passed 218-214"); "2010–2014" and "2010-14" are years. A letter
 * kept after either number ("5-10k") is said after it.
 */
function sayBareRange(first: Amount, second: Amount, join: string): string {
  const from = first.number;
  let to = second.number;
  if (isYearLike(from) && /^\d\d$/.test(to)) to = from.slice(0, 2) + to;
  const rising = Number(from.replace(/,/g, '')) < Number(to.replace(/,/g, ''));
  const years = isYearLike(from) && isYearLike(to) && rising;
  const say = years ? sayYear : sayNumber;
  return `${say(from)}${first.trailing} ${join} ${say(years ? to : second.number)}${second.trailing}`;
}

/** A word after which a measure is plural: a preposition, an adverb or a verb ("2 in. fell", "6 in. accumulated"), not a noun it modifies. */
function staysPlural(word: string): boolean {
  return PLURAL_BEFORE.has(word) || /^[a-z]{3,}ed$/.test(word);
}

function readContext(before: string, after: string, touching: boolean, money: boolean): Context {
  const nextWord = /^\s+([a-z][a-z-]*)/.exec(after)?.[1];
  const modifies = nextWord !== undefined && !staysPlural(nextWord) && !COUNT_WORDS.has(nextWord);
  const determiner = DETERMINERS.test(before);
  return { compound: modifies && (determiner || (touching && !money)), nextWord };
}

/** Whether the mark after a number closes a quotation opened before it ("the 'Big 3' automakers", "the \"Top 10\" list"). */
function closesQuote(before: string, written: string): boolean {
  if (written.endsWith('"')) return (before.match(/"/g) ?? []).length % 2 === 1;
  const opened = (before.match(/(?:^|[\s(["])'(?!\d\ds?\b)(?=[\p{L}\p{N}])/gu) ?? []).length;
  const closed = (before.match(/(?<=[\p{L}\p{N}.,!?])'(?=[\s.,;:!?)"]|$)/gu) ?? []).length;
  return opened > closed;
}

/** "5 ft 11 in", "6 ft. 2 in.", "5 feet 8 in": a height, where a spaced "in" after the feet is inches. */
function sayHeights(text: string, held: HeldWords): string {
  return text.replace(
    /(?<![\p{L}\p{N}.,])(\d{1,2})\s?(?:ft\.?|feet|foot)\s(\d{1,2})\s?(?:in\.|in|inches|inch)(?![\p{L}\p{N}])/gu,
    (all, feet: string, inches: string, offset: number) => {
      const rest = text.slice(offset + all.length);
      const next = /^\s+([a-z]+)/.exec(rest)?.[1];
      if (next !== undefined && !staysPlural(next)) return held.hold(`${sayCardinal(feet)} foot ${sayCardinal(inches)}`);
      const count = (n: string, one: string, many: string) => `${sayCardinal(n)} ${n === '1' ? one : many}`;
      return held.hold(`${count(feet, 'foot', 'feet')} ${count(inches, 'inch', 'inches')}`) + keptStop(all, rest);
    },
  );
}

/** "5'8\"" → "five feet eight inches", "6'" → "six feet", "12\"" → "twelve inches". */
function sayFeetAndInches(text: string, held: HeldWords): string {
  return text.replace(
    /(?<![\p{L}\p{N}.,])(\d{1,2})(?:'(?:\s?(\d{1,2})")?|(?<inches>")(?=[\s,.;:!?)]|$))/gu,
    (all, first: string, inches?: string, ...rest: unknown[]) => {
      const groups = rest.at(-1) as Record<string, string | undefined>;
      const offset = rest.at(-3) as number;
      const count = (n: string, one: string, many: string) => `${sayCardinal(n)} ${n === '1' ? one : many}`;
      if (closesQuote(text.slice(0, offset), all)) return all;
      // "the 5'8\" guard" is a five foot eight guard, "a 12\" pizza" a twelve inch pizza; "he is 5'8\"" is five feet eight inches.
      const next = /^\s+([a-z]+)/.exec(text.slice(offset + all.length))?.[1];
      const compound = next !== undefined && !staysPlural(next);
      if (groups.inches) return held.hold(compound ? `${sayCardinal(first)} inch` : count(first, 'inch', 'inches'));
      if (!all.includes("'")) return all;
      if (compound) {
        return held.hold(`${sayCardinal(first)} foot${inches ? ` ${sayCardinal(inches)}` : ''}`);
      }
      const feet = count(first, 'foot', 'feet');
      return held.hold(inches ? `${feet} ${count(inches, 'inch', 'inches')}` : feet);
    },
  );
}

export function sayAmounts(text: string, held: HeldWords): string {
  return sayFeetAndInches(sayHeights(text, held), held).replace(AMOUNTS, (all: string, ...args: unknown[]) => {
    const groups = args.at(-1) as Groups;
    const offset = args.at(-3) as number;
    const whole = args.at(-2) as string;
    const before = whole.slice(0, offset);
    const after = whole.slice(offset + all.length);
    const nextWord = /^(?:\s+|-)([a-z][a-z-]*)/.exec(after)?.[1];
    const first = readAmount(groups, 1, nextWord);
    const minus = groups.neg ? 'minus ' : '';
    // A unit's period ("6 in.", "pct.") ends the sentence only where one ends.
    // A letter right after the amount ("$5X") is said on its own, never glued to its words.
    const stop = keptStop(all, after) + (/^\p{L}/u.test(after) ? ' ' : '');
    if (groups.num2 === undefined) {
      if (!hasWords(first)) return all;
      const touching = groups.unit1 !== undefined && !/^\s/.test(groups.unit1);
      const context = readContext(before, after, touching || groups.short1 !== undefined, Boolean(first.currency));
      return held.hold(minus + sayAmount(first, context)) + stop;
    }
    const second = readAmount(groups, 2, nextWord);
    // "between 1,000-2,000 people": between one thousand and two thousand.
    const join = /\bbetween\s+$/i.test(before) ? 'and' : 'to';
    if (!hasWords(first) && !hasWords(second)) return held.hold(minus + sayBareRange(first, second, join)) + stop;
    const plain: Context = { compound: false, nextWord };
    const shared = Boolean(first.currency && !second.currency);
    if (shared) second.currency = first.currency;
    const firstWords = sayAmount(first, plain, !shared && hasWords(first));
    return held.hold(`${minus}${firstWords} ${join} ${sayAmount(second, plain)}`) + stop;
  });
}

/** A unit's plural name, for a number said elsewhere ("4 1/2 lbs" → "pounds", "2 1/2 in. of" → "inches"), and the full stop its period may be. */
export function nameUnit(written: string, rest: string): [name: string, stop: string] {
  const form = written.trim().replace(/\.$/, '');
  return [UNITS.get(form)?.many ?? form, keptStop(written, rest)];
}
