/**
 * A build killed with SIGKILL mid-synthesis, over an output folder that already holds a published
 * episode of the same slug: the published files stay whole and unchanged, nothing temporary is
 * left in output/, a stale lock does not block the next build, and the rerun resumes from the cache.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import { BIN, makeWorkspace, runCli } from './helpers/cli.js';
import { snapshotFolder, type FolderSnapshot } from './helpers/snapshot.js';

const SLUG = '2026-12-01-a-long-day';
const LOCK = '.audio-edition.lock';

let work: { dir: string; config: string; out: string };
let edition: string;

/** `count` distinct paragraphs of newsroom prose, long enough that synthesis takes a while. */
function paragraphs(count: number, topic: string): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      `In the ${topic} report number ${i + 1}, officials in the capital said the council would meet again on Thursday to weigh the proposal, which critics have called rushed, while supporters argued it was long overdue.`,
  );
}

/** How many clips the cache holds (each is a `.json` beside its `.pcm`, written last). */
async function countCachedClips(): Promise<number> {
  const root = path.join(work.dir, 'cache', 'clips');
  let count = 0;
  for (const folder of await readdir(root).catch(() => [] as string[])) {
    count += (await readdir(path.join(root, folder)).catch(() => [] as string[])).filter((name) => name.endsWith('.json')).length;
  }
  return count;
}

/** Files in output/ that a finished or killed build must not leave behind. */
async function strayFiles(): Promise<string[]> {
  const snapshot = await snapshotFolder(work.out);
  return Object.keys(snapshot).filter((file) => {
    const name = path.basename(file.replace(/\/$/, ''));
    return name.endsWith('.tmp') || (name.startsWith('.') && name !== LOCK);
  });
}

async function expectPublishedWhole(slug: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(work.out, slug, 'manifest.json'), 'utf8'));
  const episodes = JSON.parse(await readFile(path.join(work.out, 'episodes.json'), 'utf8'));
  expect(JSON.stringify(episodes)).toContain(slug);
  expect(XMLValidator.validate(await readFile(path.join(work.out, 'feed.xml'), 'utf8'))).toBe(true);
  const info = await probe(path.join(work.out, slug, 'episode.mp3'));
  expect(info.codec).toBe('mp3');
  expect(Math.abs(info.durationSeconds - manifest.audio.durationSeconds)).toBeLessThan(0.1);
}

beforeAll(async () => {
  work = await makeWorkspace();
  edition = path.join(work.dir, `${SLUG}.txt`);
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

describe('a build killed with SIGKILL mid-synthesis', () => {
  let published: FolderSnapshot;
  let cachedAtKill = 0;
  let killedPid = 0;

  it('leaves the published episode whole and unchanged, and nothing temporary in output/', async () => {
    // Yesterday's version of the edition, published.
    await writeFile(edition, ['An Early Edition', '', ...paragraphs(3, 'morning')].join('\n'));
    const first = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
    expect(first.code, first.stderr).toBe(0);
    published = await snapshotFolder(work.out);
    const before = await countCachedClips();

    // Today's, much longer: start it and kill it once a few of its clips are cached.
    await writeFile(edition, ['A Long Day', '', ...paragraphs(40, 'evening')].join('\n'));
    const child = spawn(process.execPath, [BIN, 'build', edition, '-c', work.config, '-o', work.out, '--json'], {
      cwd: work.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    killedPid = child.pid!;
    let exited = false;
    const exit = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => ((exited = true), resolve(signal))));
    const deadline = Date.now() + 60_000;
    while (!exited && (await countCachedClips()) < before + 3 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(exited, 'the build finished before it could be killed; make the edition longer').toBe(false);
    child.kill('SIGKILL');
    expect(await exit).toBe('SIGKILL');
    cachedAtKill = (await countCachedClips()) - before;
    expect(cachedAtKill).toBeGreaterThanOrEqual(3);
    expect(cachedAtKill).toBeLessThan(41);

    expect(await snapshotFolder(work.out)).toEqual(published);
    expect(await strayFiles()).toEqual([]);
    await expectPublishedWhole(SLUG);
  });

  it('a stale lock left by the killed process does not block the next build, which resumes from the cache', async () => {
    // Had the kill come while publishing, the lock would still name the dead process, and a
    // temporary file being renamed into place could be left beside its target.
    await writeFile(path.join(work.out, LOCK), JSON.stringify({ pid: killedPid, since: Date.now() }));
    const leftovers = [
      path.join(work.out, `.feed.xml.${killedPid}.0a1b2c3d.tmp`),
      path.join(work.out, SLUG, `.manifest.json.${killedPid}.deadbeef.tmp`),
    ];
    for (const file of leftovers) await writeFile(file, '{"half":');
    const started = Date.now();
    const rerun = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(120_000);
    const episode = JSON.parse(rerun.stdout).episodes[0];
    expect(episode.slug).toBe(SLUG);
    expect(episode.paragraphs).toBe(40);
    expect(episode.clips.cached).toBeGreaterThan(0);
    expect(episode.clips.cached).toBeGreaterThanOrEqual(cachedAtKill);
    // 40 paragraphs, plus the titles read aloud.
    expect(episode.clips.synthesized + episode.clips.cached).toBeGreaterThan(40);

    await expectPublishedWhole(SLUG);
    const manifest = JSON.parse(await readFile(path.join(work.out, SLUG, 'manifest.json'), 'utf8'));
    expect(manifest.title).toBe('A Long Day');
    expect(await strayFiles()).toEqual([]);
    expect((await readdir(work.out)).sort()).toEqual([SLUG, 'episodes.json', 'feed.xml', 'player.js']);
    // The killed build's staged files are cleared from the cache too.
    const staging = await readdir(path.join(work.dir, 'cache', 'staging')).catch(() => [] as string[]);
    expect(staging.filter((name) => name.startsWith(`${killedPid}-`))).toEqual([]);
  });
});
