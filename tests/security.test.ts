/**
 * Hostile edition content through the built CLI: slugs that try to climb out of the output
 * folder, and article text that tries to become markup in the listen page and the feed.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from './helpers/cli.js';
import { snapshotFolder, type FolderSnapshot } from './helpers/snapshot.js';

let work: { dir: string; config: string; out: string };
let editions: string;
/** The workspace apart from output/, the clip cache and the inputs: must never change. */
let outside: FolderSnapshot;
const outsideOfOutput = () => snapshotFolder(work.dir, { ignore: (relative) => /^(output|cache|editions)$/.test(relative) });

/** Where a slug that escaped would land: beside the workspace, in /tmp, at the root, in /etc. */
async function expectNoEscape(): Promise<void> {
  const targets = ['evil', 'etc', 'up'].flatMap((name) => [
    path.join(path.dirname(work.dir), name),
    path.join('/', name, 'episode.mp3'),
    path.join('/', name, 'manifest.json'),
  ]);
  for (const target of [...targets, '/tmp/evil', '/evil']) await expect(stat(target), target).rejects.toThrow();
}

beforeAll(async () => {
  work = await makeWorkspace();
  editions = path.join(work.dir, 'editions', 'nested');
  await mkdir(editions, { recursive: true });
  outside = await outsideOfOutput();
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

async function build(file: string) {
  return runCli(['build', file, '-c', work.config, '-o', work.out, '--json'], { cwd: work.dir });
}

function decodeHtml(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(\w+));/gi, (_, dec: string, hex: string, name: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : (named[name] ?? `&${name};`),
  );
}

const BODY = '# Story\n\nA short paragraph read aloud.\n';

describe('a slug can never write outside output/', () => {
  const cases: Array<{ name: string; file: string; content: string }> = [
    { name: 'front matter slug ../evil', file: 'climb.md', content: `---\nslug: ../evil\n---\n\n${BODY}` },
    { name: 'front matter slug ../../etc', file: 'climb-more.md', content: `---\nslug: ../../etc\n---\n\n${BODY}` },
    { name: 'front matter slug that is an absolute path', file: 'absolute.md', content: `---\nslug: /tmp/evil\n---\n\n${BODY}` },
    { name: 'front matter slug with backslashes', file: 'windows.md', content: `---\nslug: '..\\..\\evil'\n---\n\n${BODY}` },
    { name: 'a file name that is only dots', file: '...md', content: `---\ntitle: Dots\n---\n\n${BODY}` },
    { name: 'a file name with .. inside', file: '2026-11-25-..-..-up.txt', content: 'Up\n\nA short paragraph read aloud.\n' },
  ];
  for (const entry of cases) {
    it(entry.name, async () => {
      const file = path.join(editions, entry.file);
      await writeFile(file, entry.content);
      const result = await build(file);
      // Refusing (exit 2) and sanitizing (exit 0) are both safe; writing outside is not.
      expect([0, 2], result.stderr).toContain(result.code);
      if (result.code === 0) {
        const slug = JSON.parse(result.stdout).episodes[0].slug as string;
        expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        const folder = path.resolve(work.out, slug);
        expect(path.dirname(folder)).toBe(work.out);
        expect((await readdir(folder)).sort()).toContain('episode.mp3');
      } else {
        expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
      }
      expect(await outsideOfOutput()).toEqual(outside);
      await expectNoEscape();
      // Every folder in output/ is an episode folder directly under it.
      for (const name of await readdir(work.out)) expect(name).toMatch(/^[a-z0-9-]+$|^(episodes\.json|feed\.xml|player\.js)$/);
    });
  }
});

describe('article text is never markup', () => {
  const TITLE = 'Breaking <script>alert("title")</script> & "quotes" ]]> news';
  const DESCRIPTION = 'Lede with <img src=x onerror=alert(1)> and ]]> inside';
  const PARAGRAPH = 'Officials said <script>alert("p")</script> then <b>bold</b> & ]]> more.';
  let slug: string;

  beforeAll(async () => {
    const file = path.join(editions, '2026-11-26-markup.md');
    // Front matter text is plain text; a Markdown body would drop raw HTML, so the paragraph
    // goes through a .txt edition, whose lines are read exactly as written.
    await writeFile(file, `---\ntitle: '${TITLE}'\ndescription: '${DESCRIPTION}'\n---\n\n# Story\n\nA paragraph.\n`);
    const txt = path.join(editions, '2026-11-27-markup.txt');
    await writeFile(txt, `${TITLE}\n\n${PARAGRAPH}\n`);
    for (const edition of [file, txt]) {
      const result = await build(edition);
      expect(result.code, result.stderr).toBe(0);
    }
    slug = '2026-11-26-markup';
  });

  it('the listen page shows the title and description escaped', async () => {
    const page = await readFile(path.join(work.out, slug, 'index.html'), 'utf8');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    // Shown as text: the heading and lede decode back to exactly what the editor wrote.
    expect(decodeHtml(/<h1>([^<]*)<\/h1>/.exec(page)?.[1] ?? '')).toBe(TITLE);
    expect(decodeHtml(/<p class="lede">([^<]*)<\/p>/.exec(page)?.[1] ?? '')).toBe(DESCRIPTION);
    // The only scripts are the page's own.
    for (const tag of page.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/type="module"|<script>$/);
  });

  it('the paragraph reaches the manifest as text, as written', async () => {
    const manifest = JSON.parse(await readFile(path.join(work.out, '2026-11-27-markup', 'manifest.json'), 'utf8'));
    expect(manifest.articles[0].paragraphs[0].text).toBe(PARAGRAPH);
    const page = await readFile(path.join(work.out, '2026-11-27-markup', 'index.html'), 'utf8');
    expect(page).not.toContain('<script>alert');
  });

  it('the feed is valid XML and carries the text as text (escaped or CDATA), never as elements', async () => {
    const xml = await readFile(path.join(work.out, 'feed.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const withoutCdata = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    expect(withoutCdata).not.toMatch(/<script|<img|<b>/);
    const feed = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: true }).parse(xml);
    const items = [feed.rss.channel.item].flat() as Array<Record<string, unknown>>;
    const titles = items.map((item) => String(item.title));
    expect(titles).toContain(TITLE);
  });
});
