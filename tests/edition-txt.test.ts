import { describe, expect, it } from 'vitest';
import { readEdition } from '../src/edition/read.js';
import { SAMPLE } from './helpers/cli.js';
import { useEditionFolder } from './helpers/editions.js';

const SAMPLE_SKIP = ["^Listen to Today's Edition", '^Subscribe today', '^Join us today'];

const { write } = useEditionFolder('edition-txt-');

describe('the sample edition', () => {
  it('reads 12 body paragraphs as written, after the skip rules', async () => {
    const edition = await readEdition(SAMPLE, { skip: SAMPLE_SKIP });
    expect(edition.title).toBe('A Little Respite');
    expect(edition.date).toBe('2026-11-25');
    expect(edition.slug).toBe('2026-11-25-a-little-respite');
    expect(edition.file).toBe(SAMPLE);
    expect(edition.articles).toHaveLength(1);
    const [article] = edition.articles;
    expect(article!.id).toBe('a1');
    expect(article!.title).toBe('A Little Respite');
    const paragraphs = article!.paragraphs;
    expect(paragraphs).toHaveLength(12);
    expect(paragraphs.map((p) => p.id)).toEqual(Array.from({ length: 12 }, (_, i) => `a1-p${i + 1}`));
    expect(paragraphs[0]!.text).toBe(
      'Belarus freed thousands of prisoners this month as part of a rare amnesty by President Alexander Lukashenko, a release that comes four years after the authoritarian leader launched a brutal crackdown following the 2020 presidential elections, Radio Free Europe reported.',
    );
    expect(paragraphs[11]!.text).toBe(
      'However, he has become more reliant on Russia and tightened his grip on power after Western nations refused to recognize him as the country’s legitimate leader and issued sanctions against his regime.',
    );
    // Curly quotes and en dashes are kept as written.
    expect(paragraphs[2]!.text).toContain('“seriously ill, mainly persons with cancer,”');
    expect(paragraphs[5]!.text).toContain('Lukashenko – who has been in power since 1994 – was');
  });

  it('reads all 15 lines after the title without skip rules', async () => {
    const edition = await readEdition(SAMPLE, {});
    expect(edition.articles[0]!.paragraphs).toHaveLength(15);
    expect(edition.articles[0]!.paragraphs[0]!.text).toBe("Listen to Today's Edition:");
  });
});

describe('.txt structure', () => {
  it('splits articles at dashes lines; each starts with its title', async () => {
    const file = await write(
      '2026-01-02-multi.txt',
      [
        'Morning Brief',
        '',
        'Lead paragraph.',
        '---',
        'Second Story',
        'First of second.',
        '',
        'Second of second.',
        '-----',
        'Third Story',
        'Only one.',
      ].join('\n'),
    );
    const edition = await readEdition(file);
    expect(edition.title).toBe('Morning Brief');
    expect(edition.articles.map((a) => [a.id, a.title, a.paragraphs.map((p) => `${p.id}:${p.text}`)])).toEqual([
      ['a1', 'Morning Brief', ['a1-p1:Lead paragraph.']],
      ['a2', 'Second Story', ['a2-p1:First of second.', 'a2-p2:Second of second.']],
      ['a3', 'Third Story', ['a3-p1:Only one.']],
    ]);
  });

  it('drops an article left without paragraphs and numbers the rest without gaps', async () => {
    const file = await write(
      'gaps.txt',
      ['Title', '---', 'Story A', 'Subscribe today!', '---', 'Story B', 'Kept.', 'Subscribe today, really.', 'Also kept.'].join('\n'),
    );
    const edition = await readEdition(file, { skip: ['^Subscribe today'] });
    expect(edition.articles).toEqual([
      {
        id: 'a1',
        title: 'Story B',
        paragraphs: [
          { id: 'a1-p1', text: 'Kept.' },
          { id: 'a1-p2', text: 'Also kept.' },
        ],
      },
    ]);
  });

  it('does not apply skip rules to titles', async () => {
    const file = await write('titles.txt', 'Subscribe today\nA paragraph.');
    const edition = await readEdition(file, { skip: ['^Subscribe today'] });
    expect(edition.title).toBe('Subscribe today');
    expect(edition.articles[0]!.paragraphs).toHaveLength(1);
  });

  it('compiles skip patterns with the u flag, case-sensitively', async () => {
    const file = await write('flags.txt', 'T\n😀 Sponsored\nsponsored by nobody\nSPONSORED\nText.');
    const edition = await readEdition(file, { skip: ['^\\p{Extended_Pictographic}', '^SPONSORED$'] });
    expect(edition.articles[0]!.paragraphs.map((p) => p.text)).toEqual(['sponsored by nobody', 'Text.']);
  });

  it('normalizes whitespace and drops invisible and control characters', async () => {
    const file = await write(
      'messy.txt',
      '\uFEFF  Head\u200Bline \r\n\r\n\tTabs\tand   spaces\u00A0here \r\nco\u00ADoperate\u0007 \u0085Zero\u2060width\u202Ereversed\u202C\u2028Next\u0000'.replace(
        '\u0000',
        '',
      ),
    );
    const edition = await readEdition(file);
    expect(edition.title).toBe('Headline');
    expect(edition.articles[0]!.paragraphs.map((p) => p.text)).toEqual(['Tabs and spaces here', 'cooperate', 'Zerowidthreversed', 'Next']);
  });

  it('normalizes text to NFC', async () => {
    const file = await write('nfc.txt', 'Cafe\u0301 news\nSe\u0301ance.');
    const edition = await readEdition(file);
    expect(edition.title).toBe('Caf\u00E9 news');
    expect(edition.articles[0]!.paragraphs[0]!.text).toBe('S\u00E9ance.');
  });

  it('treats old Mac and Windows line endings as line breaks', async () => {
    const file = await write('endings.txt', 'Title\rOne.\r\nTwo.\rThree.');
    const edition = await readEdition(file);
    expect(edition.articles[0]!.paragraphs.map((p) => p.text)).toEqual(['One.', 'Two.', 'Three.']);
  });

  it('ignores dashes before the title', async () => {
    const file = await write('lead-dashes.txt', '---\nTitle\nBody.');
    const edition = await readEdition(file);
    expect(edition.title).toBe('Title');
    expect(edition.articles[0]!.paragraphs[0]!.text).toBe('Body.');
  });

  it('keeps a line of dashes with words as a paragraph', async () => {
    const file = await write('dash-words.txt', 'Title\n--- not a separator ---\nBody.');
    const edition = await readEdition(file);
    expect(edition.articles).toHaveLength(1);
    expect(edition.articles[0]!.paragraphs[0]!.text).toBe('--- not a separator ---');
  });
});
