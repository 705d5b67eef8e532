/**
 * A corpus of hostile and broken inputs, each run through the built CLI against an output folder
 * that already holds a published episode. Every case must end with exit 2 and a short message
 * (one to three lines, no stack trace) that names the file or config key and says what to do,
 * and must leave every published file exactly as it was.
 */
import { mkdir, mkdtemp, readFile, rm, stat, symlink, truncate, writeFile, chmod } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, SAMPLE, type CliResult } from './helpers/cli.js';
import { snapshotFolder, type FolderSnapshot } from './helpers/snapshot.js';

const SLUG = '2026-11-25-a-little-respite';

let work: { dir: string; config: string; out: string };
let fixtures: string;
let published: FolderSnapshot;
let baseConfig: Record<string, any>;

beforeAll(async () => {
  work = await makeWorkspace();
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'ae-hostile-'));
  const edition = path.join(work.dir, `${SLUG}.txt`);
  await writeFile(edition, await readFile(SAMPLE));
  const result = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
  expect(result.code, result.stderr).toBe(0);
  published = await snapshotFolder(work.out);
  expect(Object.keys(published)).toContain(`${SLUG}/episode.mp3`);
  baseConfig = JSON.parse(await readFile(work.config, 'utf8'));
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
  await rm(fixtures, { recursive: true, force: true });
});

/** An edition fixture in its own folder, outside the output folder. */
async function fixture(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(fixtures, name);
  await writeFile(file, content);
  return file;
}

/** A copy of the workspace config with `change` applied (same cache, same lexicon). */
async function configWith(name: string, change: (config: Record<string, any>) => void): Promise<string> {
  const config = structuredClone(baseConfig);
  change(config);
  const file = path.join(work.dir, name);
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

const build = (args: string[]) => runCli(['build', ...args, '-o', work.out], { cwd: work.dir });
const buildFile = (file: string, extra: string[] = []) => build([file, '-c', work.config, ...extra]);

/** What every bad input must produce: exit 2, one to three lines naming `names`, a hint, no stack. */
function expectRefusal(result: CliResult, names: string[]): void {
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines.length, result.stderr).toBeGreaterThanOrEqual(1);
  expect(lines.length, result.stderr).toBeLessThanOrEqual(3);
  expect(result.stderr).toMatch(/^error: /);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/this is a bug/);
  for (const name of names) expect(result.stderr).toContain(name);
  // A sentence saying what to do, in the imperative.
  expect(result.stderr, result.stderr).toMatch(
    /\b(Use|Pass|Check|Fix|Write|Save|Export|Give|Correct|Loosen|Quote|Run|Choose|Remove|See|Set|Pick|Rename|Point|Close|End)\b/,
  );
}

async function expectPublishedUnchanged(): Promise<void> {
  expect(await snapshotFolder(work.out)).toEqual(published);
}

interface Case {
  name: string;
  run: () => Promise<CliResult>;
  /** Strings the message must contain: the file's name, the key path, the flag. */
  names: () => string[];
}

/** Lets an ordinary user read these folders and files (test folders are created private). */
async function openUp(...paths: string[]): Promise<void> {
  for (const entry of paths) await chmod(entry, (await stat(entry)).isDirectory() ? 0o755 : 0o644);
}

const md = (front: string, body = '# A story\n\nA paragraph that is read aloud.\n') => `---\n${front}\n---\n\n${body}`;

const cases: Case[] = [
  {
    name: 'a file that does not exist',
    run: () => buildFile(path.join(fixtures, 'no-such-edition.txt')),
    names: () => ['no-such-edition.txt', 'does not exist'],
  },
  {
    name: 'a folder',
    run: async () => {
      const folder = path.join(fixtures, 'edition-folder.md');
      await mkdir(folder, { recursive: true });
      return buildFile(folder);
    },
    names: () => ['edition-folder.md', 'folder'],
  },
  {
    name: 'an unreadable file (chmod 000)',
    run: async () => {
      const file = await fixture('unreadable.txt', 'Title\n\nA paragraph.\n');
      await chmod(file, 0o000);
      // Root reads any file: run the CLI as an ordinary user, who can read the config but not the edition.
      await openUp(work.dir, work.config, fixtures);
      return runCli(['build', file, '-c', work.config, '-o', work.out], { cwd: work.dir, unprivileged: true });
    },
    names: () => ['unreadable.txt', 'permission denied'],
  },
  {
    name: 'a path that cannot be resolved (symlink loop)',
    run: async () => {
      const file = path.join(fixtures, 'loop.txt');
      await symlink(file, file);
      return buildFile(file);
    },
    names: () => ['loop.txt', 'cannot be read'],
  },
  {
    name: 'a named pipe instead of a file',
    run: async () => {
      const file = path.join(fixtures, 'pipe.txt');
      execFileSync('mkfifo', [file]);
      return buildFile(file);
    },
    names: () => ['pipe.txt', 'not a regular file'],
  },
  {
    name: 'a file far too large to be an edition',
    run: async () => {
      const file = await fixture('huge.txt', '');
      await truncate(file, 20 * 1024 * 1024);
      return buildFile(file);
    },
    names: () => ['huge.txt', 'MB'],
  },
  { name: 'an empty file', run: async () => buildFile(await fixture('empty.txt', '')), names: () => ['empty.txt', 'empty'] },
  {
    name: 'whitespace only',
    run: async () => buildFile(await fixture('blank.md', ' \n\t\n   \r\n\n')),
    names: () => ['blank.md', 'empty'],
  },
  {
    name: 'nothing left after the skip rules',
    run: async () => buildFile(await fixture('only-promos.txt', "Today\n\nListen to Today's Edition now.\nSubscribe today for more.\n")),
    names: () => ['only-promos.txt', 'edition.skip'],
  },
  {
    name: 'binary content (NUL bytes)',
    run: async () =>
      buildFile(await fixture('binary.txt', Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x00, 0x01, 0x02, 0xff, 0x00]))),
    names: () => ['binary.txt', 'binary'],
  },
  {
    name: 'Latin-1 text (not UTF-8)',
    run: async () => buildFile(await fixture('latin1.txt', Buffer.from('Café crème\n\nLe président a parlé à Genève.\n', 'latin1'))),
    names: () => ['latin1.txt', 'UTF-8'],
  },
  {
    name: 'an unknown extension',
    run: async () => buildFile(await fixture('edition.docx', 'Title\n\nA paragraph.\n')),
    names: () => ['edition.docx', '.docx'],
  },
  {
    name: 'no extension at all',
    run: async () => buildFile(await fixture('EDITION', 'Title\n\nA paragraph.\n')),
    names: () => ['EDITION', 'extension'],
  },
  {
    name: 'malformed YAML front matter',
    run: async () => buildFile(await fixture('bad-yaml.md', md('title: "Unclosed\ndate: [2026-11-25'))),
    names: () => ['bad-yaml.md', 'YAML'],
  },
  {
    name: 'front matter that is never closed',
    run: async () => buildFile(await fixture('unclosed.md', '---\ntitle: Today\n\n# A story\n\nA paragraph.\n')),
    names: () => ['unclosed.md', 'front matter'],
  },
  {
    name: 'front matter that is a list',
    run: async () => buildFile(await fixture('list-front.md', md('- title\n- date'))),
    names: () => ['list-front.md', 'a list'],
  },
  {
    name: 'a wrong type in front matter',
    run: async () => buildFile(await fixture('wrong-type.md', md('title: [one, two]'))),
    names: () => ['wrong-type.md', 'title'],
  },
  {
    name: 'an impossible date in front matter',
    run: async () => buildFile(await fixture('impossible-front.md', md('date: 2026-02-30'))),
    names: () => ['impossible-front.md', '2026-02-30'],
  },
  {
    name: 'an impossible date in the file name',
    run: async () => buildFile(await fixture('2026-02-30-leap.txt', 'Title\n\nA paragraph that is read.\n')),
    names: () => ['2026-02-30-leap.txt', '2026-02-30'],
  },
  {
    name: 'HTML with no readable text',
    run: async () =>
      buildFile(
        await fixture(
          'empty-page.html',
          '<!doctype html><html><head><title>Today</title></head><body><img src="x.png"><div></div></body></html>',
        ),
      ),
    names: () => ['empty-page.html', 'readable text'],
  },
  {
    name: 'HTML that is all script and nav',
    run: async () =>
      buildFile(
        await fixture(
          'chrome.html',
          '<html><body><nav><ul><li>Home</li><li>World</li></ul></nav><script>document.write("<p>Hi</p>")</script><aside><p>Ad</p></aside><p data-audio-skip>Skipped</p></body></html>',
        ),
      ),
    names: () => ['chrome.html', 'readable text'],
  },
  {
    name: 'an unknown engine',
    run: () => buildFile(path.join(work.dir, `${SLUG}.txt`), ['--engine', 'nope']),
    names: () => ['"nope"', 'flite'],
  },
  {
    name: 'an unknown voice',
    run: () => buildFile(path.join(work.dir, `${SLUG}.txt`), ['--voice', 'nope']),
    names: () => ['"nope"', 'slt'],
  },
  {
    name: 'a --concurrency that is not a number',
    run: () => buildFile(path.join(work.dir, `${SLUG}.txt`), ['--concurrency', 'lots']),
    names: () => ['--concurrency', 'lots'],
  },
  {
    name: 'a --concurrency of zero',
    run: () => buildFile(path.join(work.dir, `${SLUG}.txt`), ['--concurrency', '0']),
    names: () => ['--concurrency', '"0"'],
  },
  {
    name: 'an invalid config value (audio.loudness: "loud")',
    run: async () =>
      build([path.join(work.dir, `${SLUG}.txt`), '-c', await configWith('loud.config.json', (c) => (c.audio.loudness = 'loud'))]),
    names: () => ['loud.config.json', 'audio.loudness'],
  },
  {
    name: 'an out-of-range config value (speech.concurrency: 0)',
    run: async () =>
      build([path.join(work.dir, `${SLUG}.txt`), '-c', await configWith('zero.config.json', (c) => (c.speech.concurrency = 0))]),
    names: () => ['zero.config.json', 'speech.concurrency'],
  },
  {
    name: 'an unknown config key',
    run: async () =>
      build([path.join(work.dir, `${SLUG}.txt`), '-c', await configWith('typo.config.json', (c) => (c.audio.loudnes = -16))]),
    names: () => ['typo.config.json', 'audio.loudnes'],
  },
  {
    name: 'a config that is not JSON',
    run: async () => {
      const file = path.join(work.dir, 'broken.config.json');
      await writeFile(file, '{ "show": { "title": "GlobalPost Daily", }\n');
      return build([path.join(work.dir, `${SLUG}.txt`), '-c', file]);
    },
    names: () => ['broken.config.json', 'JSON'],
  },
  {
    name: 'a config that is a JSON list',
    run: async () => {
      const file = path.join(work.dir, 'list.config.json');
      await writeFile(file, '[1, 2, 3]\n');
      return build([path.join(work.dir, `${SLUG}.txt`), '-c', file]);
    },
    names: () => ['list.config.json'],
  },
  {
    name: 'a config file that does not exist',
    run: () => build([path.join(work.dir, `${SLUG}.txt`), '-c', path.join(work.dir, 'missing.config.json')]),
    names: () => ['missing.config.json', 'does not exist'],
  },
  {
    name: 'a bad edition.skip regular expression',
    run: async () =>
      build([
        path.join(work.dir, `${SLUG}.txt`),
        '-c',
        await configWith('skip.config.json', (c) => (c.edition.skip = ['^Listen', '(unclosed'])),
      ]),
    names: () => ['skip.config.json', 'edition.skip.1'],
  },
  {
    name: 'a lexicon file that is not valid JSON',
    run: async () => {
      await writeFile(path.join(work.dir, 'broken-lexicon.json'), '{ "Lukashenko": { "say": "loo-kah-SHEN-koh" ');
      return build([
        path.join(work.dir, `${SLUG}.txt`),
        '-c',
        await configWith('lexicon.config.json', (c) => (c.speech.lexicon = 'broken-lexicon.json')),
      ]);
    },
    names: () => ['broken-lexicon.json', 'lexicon'],
  },
  {
    name: 'a lexicon entry of the wrong shape',
    run: async () => {
      await writeFile(path.join(work.dir, 'shapeless-lexicon.json'), JSON.stringify({ Lukashenko: 42 }));
      return build([
        path.join(work.dir, `${SLUG}.txt`),
        '-c',
        await configWith('shapeless.config.json', (c) => (c.speech.lexicon = 'shapeless-lexicon.json')),
      ]);
    },
    names: () => ['shapeless-lexicon.json', 'Lukashenko'],
  },
  {
    name: 'preview of an article that does not exist',
    run: () =>
      runCli(
        ['preview', path.join(work.dir, `${SLUG}.txt`), '--article', '99', '-c', work.config, '-o', path.join(work.dir, 'preview.mp3')],
        { cwd: work.dir },
      ),
    names: () => [`${SLUG}.txt`, 'article 99'],
  },
  {
    name: 'preview of a paragraph that does not exist',
    run: () =>
      runCli(
        [
          'preview',
          path.join(work.dir, `${SLUG}.txt`),
          '--article',
          '1',
          '--paragraph',
          '500',
          '-c',
          work.config,
          '-o',
          path.join(work.dir, 'preview.mp3'),
        ],
        { cwd: work.dir },
      ),
    names: () => [`${SLUG}.txt`, 'paragraph 500'],
  },
  {
    name: 'an Arabic paragraph with the offline (English) voice',
    run: async () =>
      buildFile(await fixture('arabic.md', '# World\n\nThe summit opened in Cairo.\n\nافتتحت القمة في القاهرة اليوم بحضور الوزراء.\n')),
    names: () => ['arabic.md', 'article 1 "World"', 'paragraph 2 (a1-p2)', 'Arabic', '--engine google --voice ar-XA-Wavenet-B'],
  },
  {
    name: 'a Chinese edition with the offline voice',
    run: async () => buildFile(await fixture('chinese.txt', '今日新闻\n\n北京今天发布了新的经济数据。\n专家表示增长放缓。\n')),
    names: () => ['chinese.txt', 'paragraph 1 (a1-p1)', 'Han', '--engine google --voice cmn-CN-Wavenet-A'],
  },
  {
    name: 'a Russian edition with the offline voice, in a dry run',
    run: async () =>
      buildFile(
        await fixture('russian.html', '<article><h1>Новости</h1><p>Москва объявила новые меры.</p><p>Подробности позже.</p></article>'),
        ['--dry-run'],
      ),
    names: () => ['russian.html', 'Cyrillic', '(and 1 more paragraph)', '--engine google --voice ru-RU-Wavenet-D'],
  },
  {
    name: 'an edition of nothing but emoji, dashes and ellipses',
    run: async () => buildFile(await fixture('unspeakable.md', '# Party\n\n🎉🎉🎉\n\n— — —\n\n...\n')),
    names: () => ['unspeakable.md', 'nothing to read aloud', 'all 3 paragraphs'],
  },
  {
    name: 'preview of an Arabic paragraph with the offline voice',
    run: async () =>
      runCli(
        [
          'preview',
          await fixture('arabic-preview.md', '# World\n\nمرحبا بالعالم.\n'),
          '-c',
          work.config,
          '-o',
          path.join(work.dir, 'preview.mp3'),
        ],
        { cwd: work.dir },
      ),
    names: () => ['arabic-preview.md', 'paragraph 1 (a1-p1)', 'Arabic', 'ar-XA-Wavenet-B'],
  },
  {
    name: 'preview --text of emoji alone',
    run: () => runCli(['preview', '--text', '🎉🎉🎉', '-c', work.config, '-o', path.join(work.dir, 'preview.mp3')], { cwd: work.dir }),
    names: () => ['(text)', 'nothing to read aloud'],
  },
  {
    name: 'a new good edition and one in Arabic: nothing is built',
    // Every edition is checked before any is synthesized: the first is not published either.
    run: async () =>
      buildFile(await fixture('2026-11-30-good-first.txt', 'Good news\n\nA paragraph that would be read.\n'), [
        await fixture('second-arabic.txt', 'عنوان\n\nمرحبا بالعالم.\n'),
      ]),
    names: () => ['second-arabic.txt', 'Arabic'],
  },
  {
    name: 'one good edition and one bad one: nothing is built',
    run: async () => buildFile(path.join(work.dir, `${SLUG}.txt`), [await fixture('second-empty.md', '\n\n')]),
    names: () => ['second-empty.md', 'empty'],
  },
];

describe('hostile and broken inputs: exit 2, a short message, nothing published changes', () => {
  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  for (const entry of cases) {
    it(entry.name, async () => {
      const result = await entry.run();
      expectRefusal(result, entry.names());
      await expectPublishedUnchanged();
    });
  }
});
