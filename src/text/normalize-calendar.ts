/** Dates, times, months and weekdays as a newsreader says them. */
import { monthNames, monthPattern, rules, alternation } from './normalize-rules.js';
import { sayCardinal, sayOrdinal, sayYear } from './number-words.js';

const MONTHS_IN_ORDER = Object.keys(rules.months);
const YEAR = '(1\\d{3}|20\\d{2})';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const MONTH = `(${monthPattern})(?![\\p{L}])`;

function isDay(day: string): boolean {
  const n = Number(day);
  return n >= 1 && n <= 31;
}

function monthOf(form: string): string {
  return monthNames.get(form) ?? form;
}

/** "December fifth, twenty twenty-four": the American order, used for ISO and numeric dates too. */
function sayMonthDayYear(month: string, day: string, year?: string): string {
  return `${month} ${sayOrdinal(day)}${year ? `, ${sayYear(year)}` : ''}`;
}

const weekdayForms = new Map(Object.entries(rules.weekdays).flatMap(([name, forms]) => forms.map((form) => [form, name] as const)));
const alwaysWeekdays = [...weekdayForms.keys()].filter((form) => !rules.dateOnlyWeekdays.includes(form));

function replaceDates(text: string): string {
  return (
    text
      // 2024-12-05
      .replace(/(?<![\d-])(1\d{3}|20\d{2})-(\d{2})-(\d{2})(?![\d-])/g, (all, year: string, month: string, day: string) => {
        const name = MONTHS_IN_ORDER[Number(month) - 1];
        return name && isDay(day) ? sayMonthDayYear(name, day, year) : all;
      })
      // 12/5/2024 (US order)
      .replace(/(?<![\d/])(\d{1,2})\/(\d{1,2})\/(1\d{3}|20\d{2})(?![\d/])/g, (all, month: string, day: string, year: string) => {
        const name = MONTHS_IN_ORDER[Number(month) - 1];
        return name && isDay(day) ? sayMonthDayYear(name, day, year) : all;
      })
      // Dec. 5, 2024 / December 5th / Dec 5
      .replace(
        new RegExp(`(?<![\\p{L}])${MONTH} ${DAY}(?:,? ${YEAR})?(?![\\d:])`, 'gu'),
        (all, month: string, day: string, year?: string) => (isDay(day) ? sayMonthDayYear(monthOf(month), day, year) : all),
      )
      // 5 December 2024 / 5th Dec.
      .replace(new RegExp(`(?<![\\d.,:])${DAY} ${MONTH}(?: ${YEAR})?`, 'gu'), (all, day: string, month: string, year?: string) =>
        isDay(day) ? `the ${sayOrdinal(day)} of ${monthOf(month)}${year ? ` ${sayYear(year)}` : ''}` : all,
      )
      // December 2024 / Dec. 2024
      .replace(
        new RegExp(`(?<![\\p{L}])${MONTH} ${YEAR}(?!\\d)`, 'gu'),
        (_all, month: string, year: string) => `${monthOf(month)} ${sayYear(year)}`,
      )
      // A month abbreviation left on its own ("in Sept.") still names the month.
      .replace(
        new RegExp(`(?<![\\p{L}])(${alternation([...monthNames.keys()].filter((form) => form.endsWith('.')))})`, 'gu'),
        (form: string) => monthOf(form),
      )
  );
}

function replaceWeekdays(text: string): string {
  const always = new RegExp(`(?<![\\p{L}])(${alternation(alwaysWeekdays)})`, 'gu');
  const nearDate = new RegExp(
    `(?<![\\p{L}])(${alternation(rules.dateOnlyWeekdays)})(?=,? (?:${alternation(MONTHS_IN_ORDER)}|the \\w+ of|\\d))`,
    'gu',
  );
  const expand = (form: string) => weekdayForms.get(form) ?? form;
  return text.replace(always, expand).replace(nearDate, expand);
}

const MERIDIEM = '([ap])\\.?\\s?m\\.?(?![\\p{L}])';

/** Words that may follow "a.m." without starting a new sentence: time zones, days, months. */
function startsNewSentence(rest: string): boolean {
  const next = /^\s+(["']?)(\p{Lu}[\p{L}]*)/u.exec(rest);
  if (!next) return rest.trim() === '';
  const word = next[2]!;
  if (word === word.toUpperCase()) return false;
  return !MONTHS_IN_ORDER.includes(word) && !Object.keys(rules.weekdays).includes(word) && !weekdayForms.has(`${word}.`);
}

function sayClock(hours: string, minutes?: string, withMeridiem = false): string {
  const h = sayCardinal(hours);
  if (minutes === undefined || minutes === '00') return withMeridiem || minutes === undefined ? h : `${h} o'clock`;
  const m = Number(minutes);
  return `${h} ${m < 10 ? `oh ${sayCardinal(m)}` : sayCardinal(m)}`;
}

function replaceTimes(text: string): string {
  return (
    text
      // 10:30 a.m. / 9 p.m. / 10am / 10 A.M.
      .replace(
        new RegExp(`(?<![\\d.,:])(\\d{1,2})(?::(\\d{2}))?\\s?${MERIDIEM}`, 'giu'),
        (all, hours: string, minutes: string | undefined, half: string, offset: number, whole: string) => {
          if (Number(hours) > 12 || (minutes !== undefined && Number(minutes) > 59)) return all;
          const endedWithPeriod = all.endsWith('.');
          const rest = whole.slice(offset + all.length);
          const stop = endedWithPeriod && startsNewSentence(rest) ? '.' : '';
          return `${sayClock(hours, minutes, true)} ${half.toUpperCase()} M${stop}`;
        },
      )
      // 14:30, 10:00
      .replace(/(?<![\d.,:])(\d{1,2}):(\d{2})(?![\d:])/g, (all, hours: string, minutes: string) =>
        Number(hours) <= 24 && Number(minutes) <= 59 ? sayClock(hours, minutes) : all,
      )
      // a.m. written without a number before it
      .replace(/(?<![\p{L}])([ap])\.m\.(?=\s|$)/gu, (_all, half: string) => `${half.toUpperCase()} M`)
  );
}

/** Dates first, then times, then any weekday or month abbreviation still standing. */
export function normalizeCalendar(text: string): string {
  return replaceWeekdays(replaceTimes(replaceDates(text)));
}
