import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, EditionError } from '../src/errors.js';
import { readEdition } from '../src/edition/read.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edition-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

/** Reads and expects an EditionError with `code` whose one line names the file. */
async function expectEditionError(file: string, code: string, options: { skip?: string[]; today?: string } = {}): Promise<EditionError> {
  const error = await readEdition(file, options).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EditionError);
  const editionError = error as EditionError;
  expect(editionError.code).toBe(code);
  expect(editionError.exitCode).toBe(2);
  expect(editionError.location.file).toBe(file);
  const line = editionError.toLine();
  expect(line.startsWith(`${file}: `)).toBe(true);
  expect(line).not.toContain('\n');
  expect(editionError.hint).toBeTruthy();
  return editionError;
}

describe('edition files that cannot be read', () => {
  it('a missing file', async () => {
    await expectEditionError(path.join(dir, 'nope.txt'), 'E_EDITION_MISSING');
    await expectEditionError(path.join(dir, 'nope.pdf'), 'E_EDITION_MISSING');
  });

  it('a path through a file', async () => {
    const file = await write('plain.txt', 'T\nP.');
    await expectEditionError(path.join(file, 'inside.txt'), 'E_EDITION_MISSING');
  });

  it('a folder', async () => {
    const folder = path.join(dir, 'folder.txt');
    await mkdir(folder);
    const error = await expectEditionError(folder, 'E_EDITION_FOLDER');
    expect(error.message).toContain('folder');
  });

  // An unreadable file is covered through the CLI, run as an ordinary user (tests/hostile-inputs.test.ts).

  it('a pipe rather than a regular file', async () => {
    const fifo = path.join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    await expectEditionError(fifo, 'E_EDITION_UNREADABLE');
  });

  it('an unknown or missing extension', async () => {
    const error = await expectEditionError(await write('edition.pdf', 'T\nP.'), 'E_EDITION_EXTENSION');
    expect(error.message).toContain('.pdf');
    await expectEditionError(await write('noextension', 'T\nP.'), 'E_EDITION_EXTENSION');
  });

  it('accepts extensions in any case', async () => {
    const edition = await readEdition(await write('UPPER.TXT', 'T\nP.'), {});
    expect(edition.slug).toBe('upper');
  });
});

describe('edition content that cannot be read', () => {
  it('an empty file', async () => {
    await expectEditionError(await write('empty.txt', ''), 'E_EDITION_EMPTY');
  });

  it('whitespace, invisible characters and a BOM only', async () => {
    await expectEditionError(await write('blank.txt', ' \n\t\r\n  \n'), 'E_EDITION_EMPTY');
    await expectEditionError(await write('invisible.md', '\uFEFF\u200B\u00AD \n\u2060'), 'E_EDITION_EMPTY');
  });

  it('binary content', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expectEditionError(await write('image.txt', png), 'E_EDITION_BINARY');
    await expectEditionError(await write('nul.md', 'Title\n\u0000Paragraph'), 'E_EDITION_BINARY');
  });

  it('text that is not UTF-8', async () => {
    const latin1 = Buffer.from('Caf\xe9 news\nD\xe9j\xe0 vu.', 'latin1');
    await expectEditionError(await write('latin1.txt', latin1), 'E_EDITION_ENCODING');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\nBody.', 'utf16le')]);
    const error = await expectEditionError(await write('utf16.txt', utf16), 'E_EDITION_ENCODING');
    expect(error.message).toContain('UTF-16');
  });

  it('a title with no paragraphs', async () => {
    await expectEditionError(await write('title-only.txt', 'Just a title\n\n---\n'), 'E_EDITION_NO_TEXT');
    await expectEditionError(await write('headings-only.md', '# One\n\n## Two\n\n![img](x.png)\n\n```\ncode\n```'), 'E_EDITION_NO_TEXT');
  });

  it('nothing left after skip rules', async () => {
    const error = await expectEditionError(
      await write('all-skipped.txt', 'Title\nSubscribe today\nSubscribe today!'),
      'E_EDITION_ALL_SKIPPED',
      {
        skip: ['^Subscribe today'],
      },
    );
    expect(error.message).toContain('edition.skip');
  });

  it('a skip rule that is not a regular expression is a config error', async () => {
    const file = await write('bad-skip.txt', 'Title\nBody.');
    const error = await readEdition(file, { skip: ['ok', '('] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain('edition.skip.1');
  });
});

describe('HTML with no readable text', () => {
  it.each([
    ['frame.html', '<html><head><title>Only a title</title></head><body><nav><p>Menu</p></nav></body></html>'],
    ['scripts.html', '<script>document.write("<p>hi</p>")</script><style>p{}</style>'],
    ['skipped.html', '<article data-audio-skip><p>Skipped.</p></article>'],
    ['divs.html', '<body><div>Text in a div is not a paragraph.</div><h1>Heading</h1></body>'],
    ['empty-paragraphs.html', '<article><h1>T</h1><p> &nbsp; </p><p><img src="x.png" alt="alt"></p></article>'],
  ])('%s', async (name, html) => {
    await expectEditionError(await write(name, html), 'E_EDITION_NO_TEXT');
  });
});

describe('malformed front matter', () => {
  it.each([
    ['yaml.md', '---\ntitle: [unclosed\n---\nText.', 'not valid YAML'],
    ['unclosed.md', '---\ntitle: Never closed\n\nText.', 'never closed'],
    ['list.md', '---\n- a\n- b\n---\nText.', 'a list'],
    ['scalar.md', '---\njust text\n---\nText.', 'text'],
    ['numeric-title.md', '---\ntitle: 2026\n---\nText.', 'title is a number'],
    ['map-title.md', '---\ntitle: { a: 1 }\n---\nText.', 'title is a map'],
    ['numeric-date.md', '---\ndate: 20261125\n---\nText.', 'date is a number'],
    ['bad-language.md', '---\nlanguage: English please\n---\nText.', 'language'],
    ['bad-lexicon.md', '---\nlexicon: [a, b]\n---\nText.', 'lexicon'],
    ['bad-lexicon-entry.md', '---\nlexicon:\n  Viasna: { ipa: x }\n---\nText.', 'Viasna'],
    ['duplicate.md', '---\ntitle: A\ntitle: B\n---\nText.', 'not valid YAML'],
    ['empty-slug.md', '---\nslug: "../.."\n---\nText.', 'slug'],
  ])('%s', async (name, content, mentions) => {
    const error = await expectEditionError(await write(name, content), 'E_EDITION_FRONT_MATTER');
    expect(error.message).toContain(mentions);
  });

  it('an alias bomb is refused, not expanded', async () => {
    const bomb = [
      '---',
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '---',
      'Text.',
    ];
    await expectEditionError(await write('bomb.md', bomb.join('\n')), 'E_EDITION_FRONT_MATTER');
  });
});

describe('hostile nesting', () => {
  it.each([
    ['quotes.md', `${'>'.repeat(5000)} x`],
    ['spaced-quotes.md', `${'> '.repeat(500)} x`],
    ['lists.md', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n')],
    ['bullets.md', `${'- '.repeat(500)}x`],
    ['divs.html', `${'<div>'.repeat(20000)}<p>x</p>`],
    ['quotes.html', `${'<blockquote>'.repeat(20000)}x`],
  ])('%s is refused quickly', async (name, content) => {
    const started = Date.now();
    await expectEditionError(await write(name, content), 'E_EDITION_TOO_DEEP');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('ordinary nesting is read', async () => {
    const edition = await readEdition(await write('nested-ok.md', '> > > quoted\n\n- a\n  - b\n    - c'), {});
    expect(edition.articles[0]!.paragraphs.map((p) => p.text)).toEqual(['quoted', 'a', 'b', 'c']);
  });
});

describe('impossible dates', () => {
  it('in the file name', async () => {
    const error = await expectEditionError(await write('2026-02-30-leap.txt', 'T\nP.'), 'E_EDITION_DATE');
    expect(error.message).toContain('2026-02-30');
    await expectEditionError(await write('2026-13-01-month.md', 'Text.'), 'E_EDITION_DATE');
  });

  it('in front matter', async () => {
    await expectEditionError(await write('fm-date.md', '---\ndate: 2026-04-31\n---\nText.'), 'E_EDITION_DATE');
    await expectEditionError(await write('fm-word.md', '---\ndate: tomorrow\n---\nText.'), 'E_EDITION_DATE');
  });

  it('in HTML meta or <time>', async () => {
    await expectEditionError(
      await write('meta-date.html', '<meta property="article:published_time" content="2025-02-29"><p>x</p>'),
      'E_EDITION_DATE',
    );
    await expectEditionError(
      await write('time-date.html', '<article><time datetime="2026-00-10">x</time><p>x</p></article>'),
      'E_EDITION_DATE',
    );
  });

  it('given as today', async () => {
    await expectEditionError(await write('today.txt', 'T\nP.'), 'E_EDITION_DATE', { today: '2026-11-31' });
  });

  it('accepts a real leap day', async () => {
    const edition = await readEdition(await write('2028-02-29-leap.txt', 'T\nP.'), {});
    expect(edition.date).toBe('2028-02-29');
  });
});
