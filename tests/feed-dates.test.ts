import { describe, expect, it } from 'vitest';
import { formatRfc2822, isValidTimeZone, publishInstant } from '../src/publish/feed-dates.js';

/** pubDate: the edition's date at the publish time in an IANA zone, right on both sides of DST. */

describe('publishInstant', () => {
  it('works in UTC', () => {
    const instant = publishInstant('2026-11-25', '06:00', 'UTC');
    expect(instant.rfc2822).toBe('Wed, 25 Nov 2026 06:00:00 +0000');
    expect(new Date(instant.epochMs).toISOString()).toBe('2026-11-25T06:00:00.000Z');
  });

  it('uses the offset in force on that day, winter and summer', () => {
    expect(publishInstant('2026-01-15', '06:00', 'Europe/Berlin').rfc2822).toBe('Thu, 15 Jan 2026 06:00:00 +0100');
    expect(publishInstant('2026-07-15', '06:00', 'Europe/Berlin').rfc2822).toBe('Wed, 15 Jul 2026 06:00:00 +0200');
    expect(publishInstant('2026-07-15', '06:00', 'America/New_York').rfc2822).toBe('Wed, 15 Jul 2026 06:00:00 -0400');
    expect(publishInstant('2026-12-15', '23:30', 'America/New_York').rfc2822).toBe('Tue, 15 Dec 2026 23:30:00 -0500');
  });

  it('is right on DST change days', () => {
    // Europe switches at 01:00 UTC on the last Sunday of March and October.
    const spring = publishInstant('2026-03-29', '06:00', 'Europe/Berlin');
    expect(spring.rfc2822).toBe('Sun, 29 Mar 2026 06:00:00 +0200');
    expect(new Date(spring.epochMs).toISOString()).toBe('2026-03-29T04:00:00.000Z');
    const autumn = publishInstant('2026-10-25', '06:00', 'Europe/Berlin');
    expect(new Date(autumn.epochMs).toISOString()).toBe('2026-10-25T05:00:00.000Z');
    // 02:30 does not exist that spring morning: it is published at the real local time right after.
    expect(publishInstant('2026-03-29', '02:30', 'Europe/Berlin').rfc2822).toBe('Sun, 29 Mar 2026 03:30:00 +0200');
  });

  it('handles half-hour zones and dates across the UTC day boundary', () => {
    const kolkata = publishInstant('2026-11-25', '03:00', 'Asia/Kolkata');
    expect(kolkata.rfc2822).toBe('Wed, 25 Nov 2026 03:00:00 +0530');
    expect(new Date(kolkata.epochMs).toISOString()).toBe('2026-11-24T21:30:00.000Z');
  });

  it('parses back to the same instant', () => {
    const instant = publishInstant('2026-06-01', '07:15', 'Australia/Sydney');
    expect(Date.parse(instant.rfc2822)).toBe(instant.epochMs);
  });
});

describe('helpers', () => {
  it('formats negative offsets with minutes', () => {
    expect(formatRfc2822(Date.UTC(2026, 0, 1, 12), -210)).toBe('Thu, 01 Jan 2026 08:30:00 -0330');
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
