/**
 * One paragraph the engine refuses, through the built CLI and the local Google server: the
 * build fails naming the file, article and paragraph, but only after every other paragraph is
 * synthesized and cached; the episode published before stays exactly as it was.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from './helpers/cli.js';
import { localGoogleConfig, spokenText, startFakeGoogleServer, type FakeGoogleServer } from './helpers/google-server.js';
import { snapshotFolder } from './helpers/snapshot.js';

const SLUG = '2026-12-05-three-stories';
const MARKER = 'Quuxbridge';

let server: FakeGoogleServer;
let work: { dir: string; config: string; out: string };
let edition: string;

beforeAll(async () => {
  server = await startFakeGoogleServer({ seed: 5 });
  const local = localGoogleConfig(server.port, { voice: 'en-US-Neural2-D' });
  work = await makeWorkspace({ speech: { engine: 'google', voice: undefined, concurrency: 4 }, engines: local.engines });
  edition = path.join(work.dir, `${SLUG}.txt`);
});
afterAll(async () => {
  await server.close();
  await rm(work.dir, { recursive: true, force: true });
});
beforeEach(() => server.reset());

/** Three articles of four paragraphs; `odd` replaces the text of article 2, paragraph 3. */
function threeStories(odd?: string): string {
  const story = (n: number) => [
    `Story ${n}`,
    ...Array.from({ length: 4 }, (_, i) =>
      n === 2 && i === 2 && odd ? odd : `Story ${n}, paragraph ${i + 1}: the minister spoke for an hour and took no questions.`,
    ),
  ];
  return ['Three Stories', ...story(1), '---', ...story(2), '---', ...story(3)].join('\n');
}

const build = () =>
  runCli(['build', edition, '-c', work.config, '-o', work.out, '--json'], {
    cwd: work.dir,
    env: { GOOGLE_APPLICATION_CREDENTIALS: path.join(work.dir, 'none.json') },
  });

describe('a paragraph the engine cannot synthesize', () => {
  it('fails the build naming file, article and paragraph, after caching the others; the published episode stays', async () => {
    await writeFile(edition, threeStories());
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    const published = await snapshotFolder(work.out);

    server.reset();
    server.control.failWhenTextIncludes = MARKER;
    await writeFile(
      edition,
      threeStories(`The mayor of ${MARKER} said the bridge would reopen in spring.`).replaceAll(
        'took no questions',
        'took three questions',
      ),
    );
    const failed = await build();
    expect(failed.code, failed.stderr).toBe(2);
    expect(failed.stdout).toBe('');
    const lines = failed.stderr.trimEnd().split('\n');
    expect(lines.length, failed.stderr).toBeLessThanOrEqual(3);
    expect(failed.stderr).toContain(`${SLUG}.txt`);
    expect(failed.stderr).toContain('article 2');
    expect(failed.stderr).toContain('paragraph 3');
    expect(failed.stderr).not.toMatch(/^\s+at /m);

    // Every other changed paragraph was synthesized (and so cached) despite the failure.
    const read = server.synthesized().map((request) => spokenText(request.input.ssml ?? request.input.text));
    for (const n of [1, 2, 3]) {
      for (const p of [1, 2, 3, 4]) {
        if (n === 2 && p === 3) continue;
        expect(
          read.some((text) => text.includes(`Story ${n}, paragraph ${p}: the minister spoke for an hour and took three questions.`)),
          `story ${n} paragraph ${p}`,
        ).toBe(true);
      }
    }
    expect(read.some((text) => text.includes(MARKER))).toBe(false);
    expect(await snapshotFolder(work.out)).toEqual(published);

    // Once the engine accepts it, the rerun synthesizes only that paragraph.
    server.reset();
    const rerun = await build();
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).episodes[0].clips.synthesized).toBe(1);
    expect(
      server
        .synthesized()
        .map((request) => spokenText(request.input.ssml ?? request.input.text))
        .join(' '),
    ).toContain(MARKER);
    const manifest = JSON.parse(await readFile(path.join(work.out, SLUG, 'manifest.json'), 'utf8'));
    expect(manifest.articles[1].paragraphs[2].text).toContain(MARKER);
  });
});
