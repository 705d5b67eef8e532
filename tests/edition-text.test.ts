import { describe, expect, it } from 'vitest';
import { dateFromFileName, isCalendarDate, localToday, parseDeclaredDate } from '../src/edition/date.js';
import { readEdition, type ReadEditionOptions } from '../src/edition/read.js';
import { fallbackSlug, slugify } from '../src/edition/slug.js';
import { normalizeInline } from '../src/edition/text.js';
import { useEditionFolder } from './helpers/editions.js';

const editions = useEditionFolder('ae-edition-text-');
/** An edition file with this name and text, read as the CLI reads it. */
const parseEdition = async (text: string, name: string, options: ReadEditionOptions = {}) =>
  readEdition(await editions.write(name, text), options);

describe('slugify', () => {
  it.each([
    ['2026-11-25-a-little-respite', '2026-11-25-a-little-respite'],
    ['Today’s Édition: Zürich & São Paulo', 'todays-edition-zurich-sao-paulo'],
    ['Straße Œuvre Ørsted Łódź', 'strasse-oeuvre-orsted-lodz'],
    ['--Many---dashes__and  spaces--', 'many-dashes-and-spaces'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..', ''],
    ['日本語', ''],
    ['UPPER.case', 'upper-case'],
  ])('%s → %s', (input, slug) => {
    expect(slugify(input)).toBe(slug);
  });

  it('never exceeds 80 characters nor ends with a dash', () => {
    const slug = slugify(`${'word-'.repeat(40)}end`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('falls back to the title, then to a stable hash of the name', () => {
    expect(fallbackSlug('日報', 'Morning News')).toBe('morning-news');
    expect(fallbackSlug('日報', '朝刊')).toMatch(/^edition-[0-9a-f]{8}$/);
    expect(fallbackSlug('日報', '朝刊')).toBe(fallbackSlug('日報', '夕刊'));
  });

  it('gives a file name without usable letters a slug all the same', async () => {
    const edition = await parseEdition('朝刊\n本文。', '日報.txt');
    expect(edition.slug).toMatch(/^edition-[0-9a-f]{8}$/);
    expect((await parseEdition('Morning News\nText.', '...txt')).slug).toBe('morning-news');
  });
});

describe('dates', () => {
  it('checks the calendar', () => {
    expect(isCalendarDate('2026-11-25')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('0099-01-01')).toBe(true);
    expect(isCalendarDate('2026-1-5')).toBe(false);
  });

  it('reads a declared date with or without a time', () => {
    expect(parseDeclaredDate('2026-11-25')).toEqual({ date: '2026-11-25', valid: true });
    expect(parseDeclaredDate('2026-11-25T23:30:00-05:00')).toEqual({ date: '2026-11-25', valid: true });
    expect(parseDeclaredDate('2026-11-25 06:00')).toEqual({ date: '2026-11-25', valid: true });
    expect(parseDeclaredDate('2026-02-30')).toEqual({ date: '2026-02-30', valid: false });
    expect(parseDeclaredDate('PT2M')).toBeUndefined();
    expect(parseDeclaredDate('2026-11-255')).toBeUndefined();
  });

  it('reads a leading date from a file name only', () => {
    expect(dateFromFileName('2026-11-25-a-little-respite', 'f')).toBe('2026-11-25');
    expect(dateFromFileName('2026-11-25', 'f')).toBe('2026-11-25');
    expect(dateFromFileName('2026-11-25_evening', 'f')).toBe('2026-11-25');
    expect(dateFromFileName('edition-2026-11-25', 'f')).toBeUndefined();
    expect(dateFromFileName('2026-11-251', 'f')).toBeUndefined();
  });

  it('uses the local calendar day for today', () => {
    expect(localToday(new Date(2026, 0, 5, 0, 30))).toBe('2026-01-05');
  });

  it('uses the today option when the file gives no date', async () => {
    expect((await parseEdition('T\nP.', 'undated.txt', { today: '2026-12-24' })).date).toBe('2026-12-24');
    expect((await parseEdition('T\nP.', 'undated.txt')).date).toBe(localToday());
  });
});

describe('normalizeInline', () => {
  it('collapses every kind of whitespace to one space and trims', () => {
    expect(normalizeInline(' a\t\tb\u00A0\u2003c\u3000d\n e ')).toBe('a b c d e');
  });

  it('drops controls and invisible format characters but keeps joiners', () => {
    expect(normalizeInline('a\u0000b\u001Fc\u007Fd\u0080e\u009Ff')).toBe('abcdef');
    expect(normalizeInline('in\u200Bvis\u2060ible\uFEFF\u00AD\u202Ebidi\u2066x\u2069')).toBe('invisiblebidix');
    expect(normalizeInline('tag\u{E0041}\u{E0042}s')).toBe('tags');
    expect(normalizeInline('👩\u200D💻 and می\u200Cخواهم')).toBe('👩\u200D💻 and می\u200Cخواهم');
  });

  it('composes to NFC', () => {
    expect(normalizeInline('e\u0301')).toBe('\u00E9');
  });
});

describe('readEdition', () => {
  it('reads a file by the format its name says', async () => {
    const file = await editions.write('2026-11-25-in-memory.md', '# Title\n\n- one\n- two');
    const edition = await readEdition(file, { skip: ['^two$'] });
    expect(edition).toEqual({
      file,
      slug: '2026-11-25-in-memory',
      title: 'Title',
      date: '2026-11-25',
      articles: [{ id: 'a1', title: 'Title', paragraphs: [{ id: 'a1-p1', text: 'one' }] }],
    });
  });
});
