/**
 * `pubDate` for an edition: its date at the configured local publish time in an IANA zone,
 * written as RFC 2822 with that zone's offset on that day (so it is right on both sides of DST).
 */

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes east of UTC that `timeZone` observes at the instant `epochMs`. */
export function zoneOffsetMinutes(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

export interface PublishInstant {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** RFC 2822, e.g. `Wed, 25 Nov 2026 06:00:00 +0100`. */
  rfc2822: string;
}

/** The instant `date` (YYYY-MM-DD) at `time` (HH:MM) happens in `timeZone`. */
export function publishInstant(date: string, time: string, timeZone: string): PublishInstant {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  // The offset depends on the instant, which depends on the offset: two rounds settle it,
  // including on DST change days. In a spring-forward gap the later offset wins.
  let offset = zoneOffsetMinutes(wallClock, timeZone);
  offset = zoneOffsetMinutes(wallClock - offset * 60_000, timeZone);
  const epochMs = wallClock - offset * 60_000;
  // Shown with the offset in force at that instant, so a gap time reads as the real local time.
  return { epochMs, rfc2822: formatRfc2822(epochMs, zoneOffsetMinutes(epochMs, timeZone)) };
}

/** RFC 2822 date-time of `epochMs` shown in a zone `offsetMinutes` east of UTC. */
export function formatRfc2822(epochMs: number, offsetMinutes: number): string {
  const local = new Date(epochMs + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const zone = `${sign}${pad(Math.floor(absolute / 60))}${pad(absolute % 60)}`;
  return (
    `${DAY_NAMES[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MONTH_NAMES[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone}`
  );
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
