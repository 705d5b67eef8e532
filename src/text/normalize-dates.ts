/** Dates as a newsreader says them: "December fifth, twenty twenty-four", "the fifth of December". */
import type { HeldWords } from './held.js';
import { HELD_CLASS, numberStart } from './held.js';
import { alternation, keptStop, monthNames, monthOf, rules } from './normalize-rules.js';
import { sayCardinal, sayOrdinal, sayYear } from './number-words.js';

const MONTHS_IN_ORDER = Object.keys(rules.months);
const YEAR = '(?<year>1\\d{3}|20\\d{2})';
const DAY = '(?<day>\\d{1,2})(?<suffix>st|nd|rd|th|ST|ND|RD|TH)?';
const MONTH = `(?<month>${alternation(monthNames.keys())})(?![\\p{L}])`;
const LEAD = numberStart('/:');
/** Lower-case forms that are also words: only a month next to a year or an ordinal day. */
const ALSO_WORDS = new Set(['may', 'march', 'mar', 'jan', 'sun', 'dec']);

type Groups = Record<string, string | undefined>;

function isDay(day: string | undefined): day is string {
  const n = Number(day);
  return n >= 1 && n <= 31;
}

function sayMonthDay(month: string, day: string, year?: string): string {
  return `${month} ${sayOrdinal(day)}${year ? `, ${year}` : ''}`;
}

/** A written month in any case, unless it is a lower-case word standing without a year or ordinal. */
function findMonth(groups: Groups): string | undefined {
  const form = groups.month ?? '';
  const name = monthOf(form);
  // "jan." with its period is an abbreviation, never the word.
  const plain = form === form.toLowerCase() && ALSO_WORDS.has(form);
  if (plain && !groups.year && !groups.suffix) return undefined;
  return name;
}

/** "98" → "nineteen ninety-eight", "05" → "two thousand five": a two-digit year is said in full, as a newsreader reads a date. */
function sayFullYear(year: string): string {
  if (year.length !== 2) return sayYear(year);
  const century = Number(year) <= rules.lastTwoDigitYearIn2000s ? '20' : '19';
  return sayYear(century + year);
}

/** Numeric dates in US order ("12/5/2024", "01/07/98"), day first when the first part cannot be a month ("25/12/2024"). */
function sayNumericDate(first: string, second: string, year: string): string | undefined {
  const [monthNumber, day, dayFirst] = Number(first) > 12 ? [second, first, true] : [first, second, false];
  const month = MONTHS_IN_ORDER[Number(monthNumber) - 1];
  if (!month || !isDay(day)) return undefined;
  const yearWords = sayFullYear(year);
  return dayFirst ? `the ${sayOrdinal(day)} of ${month} ${yearWords}` : sayMonthDay(month, day, yearWords);
}

/** Denominators fractions are written with ("3/4", "5/8", "1/16"); "10/15" or "10/7" is no fraction a writer would leave so. */
const FRACTION_DENOMINATORS = new Set([2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100]);

function isMonthAndDay(month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && isDay(day) && (m >= d || !FRACTION_DENOMINATORS.has(d));
}

/** "on the 26th May": the rule's own "the" is left out when the text already has one. */
function theUnlessWritten(before: string): string {
  return /\bthe\s+$/i.test(before) ? '' : 'the ';
}

export function sayDates(text: string, held: HeldWords): string {
  const hold = (words: string | undefined, all: string) => (words === undefined ? all : held.hold(words));
  return (
    text
      // 2024-12-05, 2016/07/03, 2016.07.03
      .replace(
        new RegExp(`${LEAD}(1\\d{3}|20\\d{2})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d/-])`, 'gu'),
        (all, year: string, _sep: string, month: string, day: string) => {
          const name = MONTHS_IN_ORDER[Number(month) - 1];
          return hold(name && isDay(day) ? sayMonthDay(name, day, sayYear(year)) : undefined, all);
        },
      )
      // 12/5/2024, 01/07/98, 01.10.2010
      .replace(
        new RegExp(`${LEAD}(\\d{1,2})([/.-])(\\d{1,2})\\2(1\\d{3}|20\\d{2}|\\d{2})(?![\\d/]|[.-]\\d)`, 'gu'),
        (all, first: string, separator: string, second: string, year: string) =>
          hold(year.length === 2 && separator !== '/' ? undefined : sayNumericDate(first, second, year), all),
      )
      // "resumed 10/15", "the 10/7 attack": a month and a day, where no fraction is written that way
      .replace(new RegExp(`${LEAD}(\\d{1,2})/(\\d{1,2})(?![\\d/\\p{L}]|[.,]\\d|\\s+of\\b)`, 'gu'), (all, month: string, day: string) =>
        hold(isMonthAndDay(month, day) ? sayMonthDay(MONTHS_IN_ORDER[Number(month) - 1]!, day) : undefined, all),
      )
      // Dec. 5, 2024 / December 5th / JAN. 15 / july 25 2012 / Dec. 5-7 / Jan-15-2020
      .replace(
        new RegExp(
          `(?<![\\p{L}])${MONTH}(?:\\s|-(?=\\d))${DAY}(?:\\s?[-–]\\s?(?<last>\\d{1,2})(?:st|nd|rd|th)?)?(?:(?:,?\\s|-)${YEAR})?(?![\\d:]|[.,]\\d|\\p{L})`,
          'giu',
        ),
        (all, ...args: unknown[]) => {
          const groups = args.at(-1) as Groups;
          const month = findMonth(groups);
          if (!month || !isDay(groups.day)) return all;
          const days =
            groups.last && isDay(groups.last) ? `${sayOrdinal(groups.day)} to ${sayOrdinal(groups.last)}` : sayOrdinal(groups.day);
          const offset = args.at(-3) as number;
          const whole = args.at(-2) as string;
          const said = `${month} ${days}${groups.year ? `, ${sayYear(groups.year)}` : ''}`;
          return held.hold(said) + keptStop(all, whole.slice(offset + all.length));
        },
      )
      // 5 December 2024 / 5th Dec. / 16 July, 1943 / on the 26th May
      .replace(new RegExp(`${LEAD}${DAY}\\s(?:of\\s)?${MONTH}(?:,?\\s${YEAR}(?!\\d))?`, 'giu'), (all, ...args: unknown[]) => {
        const groups = args.at(-1) as Groups;
        const offset = args.at(-3) as number;
        const whole = args.at(-2) as string;
        const month = findMonth(groups);
        if (!month || !isDay(groups.day)) return all;
        const the = theUnlessWritten(whole.slice(0, offset));
        const said = `${the}${sayOrdinal(groups.day)} of ${month}${groups.year ? ` ${sayYear(groups.year)}` : ''}`;
        return held.hold(said) + keptStop(all, whole.slice(offset + all.length));
      })
      // December 2024 / july 1876
      .replace(new RegExp(`(?<![\\p{L}])${MONTH}\\s${YEAR}(?!\\d)`, 'giu'), (all, ...args: unknown[]) => {
        const groups = args.at(-1) as Groups;
        const month = findMonth(groups);
        return month ? held.hold(`${month} ${sayYear(groups.year!)}`) : all;
      })
      // 500 BC, AD 79, 1066 AD
      .replace(
        new RegExp(
          `${LEAD}(\\d{1,4})\\s?(${alternation(Object.keys(rules.eras))})(?![\\p{L}])|(?<![\\p{L}])(AD|A\\.D\\.)\\s(\\d{1,4})(?!\\d)`,
          'gu',
        ),
        (_all, year?: string, era?: string, eraFirst?: string, yearAfter?: string) => {
          const number = year ?? yearAfter ?? '';
          const words = number.length === 4 ? sayYear(number) : sayCardinal(number);
          return held.hold(era ? `${words} ${rules.eras[era]}` : `${rules.eras[eraFirst ?? 'AD']} ${words}`);
        },
      )
      // A month abbreviation left on its own ("in Sept.") still names the month.
      .replace(
        new RegExp(`(?<![\\p{L}])(${alternation([...monthNames.keys()].filter((form) => form.endsWith('.')))})`, 'gu'),
        (form: string, _form: string, offset: number, whole: string) =>
          (monthOf(form) ?? form) + keptStop(form, whole.slice(offset + form.length)),
      )
  );
}

const weekdayForms = new Map(Object.entries(rules.weekdays).flatMap(([name, forms]) => forms.map((form) => [form, name] as const)));
const alwaysWeekdays = [...weekdayForms.keys()].filter((form) => !rules.dateOnlyWeekdays.includes(form));

/** "Tues." → "Tuesday"; "Sat." and "Sun." only next to a date. */
export function sayWeekdays(text: string): string {
  const always = new RegExp(`(?<![\\p{L}])(${alternation(alwaysWeekdays)})`, 'gu');
  const nearDate = new RegExp(
    `(?<![\\p{L}])(${alternation(rules.dateOnlyWeekdays)})(?=,?\\s(?:${alternation(MONTHS_IN_ORDER)}|[${HELD_CLASS}]|\\d))`,
    'gu',
  );
  const expand = (form: string) => weekdayForms.get(form) ?? form;
  return text.replace(always, expand).replace(nearDate, expand);
}
