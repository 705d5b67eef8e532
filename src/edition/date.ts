import { editionError } from './codes.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so 2026-02-30 is false). */
export function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 onto the 1900s.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Reads a date an edition declares (front matter, HTML meta or `<time datetime>`): `YYYY-MM-DD`,
 * optionally followed by a time, which is ignored — the date is the publication day as written.
 * Returns undefined when the text does not look like a date at all.
 */
export function parseDeclaredDate(text: string): { date: string; valid: boolean } | undefined {
  const match = /^\s*(\d{4}-\d{2}-\d{2})(?=$|[Tt\s])/.exec(text);
  if (!match) return undefined;
  const date = match[1]!;
  return { date, valid: isCalendarDate(date) };
}

/** A declared date that must be valid; `where` names it in the message (e.g. "front matter date"). */
export function requireDeclaredDate(text: string, file: string, where: string): string {
  const parsed = parseDeclaredDate(text);
  if (!parsed) {
    throw editionError('E_EDITION_DATE', file, `${where} "${text}" is not a date.`, 'Write it as YYYY-MM-DD, e.g. 2026-11-25.');
  }
  if (!parsed.valid) throw impossibleDate(file, where, parsed.date);
  return parsed.date;
}

/** The date a file name starts with (`2026-11-25-a-little-respite.txt`), if any. */
export function dateFromFileName(baseName: string, file: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?!\d)/.exec(baseName);
  if (!match) return undefined;
  const date = match[1]!;
  if (!isCalendarDate(date)) throw impossibleDate(file, 'the date in the file name', date);
  return date;
}

/** Today in the editor's local time zone: an edition built at 00:30 belongs to that day, not UTC's. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function impossibleDate(file: string, where: string, date: string) {
  return editionError('E_EDITION_DATE', file, `${where} ${date} does not exist in the calendar.`, 'Correct the date (YYYY-MM-DD).');
}
