/** Clock times, time zones, durations ("1:01:01"), ratios ("2:1") and time ranges ("7am-8pm"). */
import type { HeldWords } from './held.js';
import { numberStart } from './held.js';
import { alternation, keptStop, rules } from './normalize-rules.js';
import { sayCardinal } from './number-words.js';

const LEAD = numberStart(':');
/** A zone written after a time, touching it or not, in capitals or with periods ("e.s.t."). */
const ZONE_NAME = `(?<zone>${alternation(rules.zones)}|(?:${alternation(rules.zones.filter((z) => z.length === 3).map((z) => z.toLowerCase().split('').join('.')))})\\.?|(?:est|edt|pst|pdt|gmt|utc)\\.?)(?![\\p{L}])`;
const ZONE = `(?:\\s?${ZONE_NAME})?`;
/** "a.m.", "PM", "p.m.est": a zone may touch it. */
const MERIDIEM = `(?<half>[aApP])\\.?\\s?[mM]\\.?(?:(?=\\s?${ZONE_NAME.replace('?<zone>', '')})|(?![\\p{L}]))`;

type Groups = Record<string, string | undefined>;

function sayClock(hours: string, minutes?: string, withMeridiem = false): string {
  const h = sayCardinal(hours);
  if (minutes === undefined || minutes === '00') return withMeridiem || minutes === undefined ? h : `${h} o'clock`;
  const m = Number(minutes);
  return `${h} ${m < 10 ? `oh ${sayCardinal(m)}` : sayCardinal(m)}`;
}

function sayZone(zone: string | undefined): string {
  if (!zone) return '';
  return ` ${zone.replace(/\./g, '').toUpperCase().split('').join(' ')}`;
}

function isClock(hours: string, minutes: string | undefined, twelveHour: boolean): boolean {
  return Number(hours) <= (twelveHour ? 12 : 24) && (minutes === undefined || Number(minutes) <= 59);
}

function count(n: string, one: string, many: string): string {
  return `${sayCardinal(n)} ${Number(n) === 1 ? one : many}`;
}

/** "1:01:01" → "one hour one minute and one second": a race time or a duration. */
function sayDurations(text: string, held: HeldWords): string {
  return text.replace(new RegExp(`${LEAD}(\\d{1,2}):([0-5]\\d):([0-5]\\d)(?![\\d:])`, 'gu'), (_all, h: string, m: string, s: string) =>
    held.hold(`${count(h, 'hour', 'hours')} ${count(m, 'minute', 'minutes')} and ${count(s, 'second', 'seconds')}`),
  );
}

/** "7am-8pm", "9-11 a.m.", "4:00 am - 8:12 pm": both ends said, joined by "to". */
function sayTimeRanges(text: string, held: HeldWords): string {
  const end = (i: number) => `(?<h${i}>\\d{1,2})(?:[:.](?<m${i}>\\d{2}))?(?:\\s?(?<half${i}>[aApP])\\.?\\s?[mM]\\.?(?![\\p{L}]))?`;
  const pattern = new RegExp(`${LEAD}${end(1)}\\s?[-–—]\\s?${end(2)}${ZONE}`, 'gu');
  return text.replace(pattern, (all: string, ...args: unknown[]) => {
    const g = args.at(-1) as Groups;
    const offset = args.at(-3) as number;
    if (!g.half2 && !(g.m1 && g.m2)) return all;
    if (!isClock(g.h1!, g.m1, Boolean(g.half1 || g.half2)) || !isClock(g.h2!, g.m2, Boolean(g.half2))) return all;
    const say = (h: string, m: string | undefined, half: string | undefined) =>
      `${sayClock(h, m, Boolean(half))}${half ? ` ${half.toUpperCase()} M` : ''}`;
    return (
      held.hold(`${say(g.h1!, g.m1, g.half1)} to ${say(g.h2!, g.m2, g.half2)}${sayZone(g.zone)}`) +
      keptStop(all, text.slice(offset + all.length))
    );
  });
}

/** "10:30 a.m.", "1.59 p.m.", "9pm EST", "1:59 p.m.est". */
function sayTwelveHourTimes(text: string, held: HeldWords): string {
  const pattern = new RegExp(`${LEAD}(?<hours>\\d{1,2})(?:[:.](?<minutes>\\d{2}))?\\s?${MERIDIEM}${ZONE}`, 'gu');
  return text.replace(pattern, (all: string, ...args: unknown[]) => {
    const g = args.at(-1) as Groups;
    const offset = args.at(-3) as number;
    if (!isClock(g.hours!, g.minutes, true)) return all;
    const said = `${sayClock(g.hours!, g.minutes, true)} ${g.half!.toUpperCase()} M${sayZone(g.zone)}`;
    return held.hold(said) + keptStop(all, text.slice(offset + all.length));
  });
}

/** "14:30", "10:00" → "ten o'clock", "11:30EST"; "2:1" and "10:1" are ratios. */
function sayClockTimesAndRatios(text: string, held: HeldWords): string {
  const pattern = new RegExp(`${LEAD}(?<hours>\\d{1,2}):(?<minutes>\\d{1,2})(?![\\d:])${ZONE}`, 'gu');
  return text.replace(pattern, (all: string, ...args: unknown[]) => {
    const g = args.at(-1) as Groups;
    const offset = args.at(-3) as number;
    const ratio = g.minutes!.length === 1 || !isClock(g.hours!, g.minutes, false);
    if (ratio) return g.zone ? all : held.hold(`${sayCardinal(g.hours!)} to ${sayCardinal(g.minutes!)}`);
    return held.hold(`${sayClock(g.hours!, g.minutes)}${sayZone(g.zone)}`) + keptStop(all, text.slice(offset + all.length));
  });
}

/** "a.m." written without a number before it. */
function sayLoneMeridiem(text: string): string {
  return text.replace(/(?<![\p{L}])([ap])\.m\.(?=\s|$)/gu, (_all, half: string) => `${half.toUpperCase()} M`);
}

export function sayTimes(text: string, held: HeldWords): string {
  const steps = [sayDurations, sayTimeRanges, sayTwelveHourTimes, sayClockTimesAndRatios];
  return sayLoneMeridiem(steps.reduce((current, step) => step(current, held), text));
}
