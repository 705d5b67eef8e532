/**
 * Full, read-only and forbidden disks at every stage of a build (clip cache, staging, the output
 * folder), made real: each test mounts a tiny tmpfs (the suite runs as root) and runs the built
 * CLI. Every case is a runtime failure (exit 1) with one line naming the path, what was needed
 * and what to do, never the "this is a bug" message, and the published files are left as they were.
 */
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDiskError } from '../src/errors.js';
import { makeWorkspace, runCli, SAMPLE, type CliResult } from './helpers/cli.js';
import { expectFeedMatchesStore, fillDisk, findLeftovers, mountTmpfs } from './helpers/output.js';
import { snapshotFolder } from './helpers/snapshot.js';

const SAMPLE_SLUG = '2026-11-25-a-little-respite';
const SHORT_SLUG = '2026-11-24-a-short-one';

let work: { dir: string; config: string; out: string };
let sample: string;
let short: string;
const unmounts: Array<() => void> = [];

beforeAll(async () => {
  work = await makeWorkspace();
  sample = path.join(work.dir, `${SAMPLE_SLUG}.txt`);
  await writeFile(sample, await readFile(SAMPLE));
  short = path.join(work.dir, `${SHORT_SLUG}.txt`);
  await writeFile(short, 'A Short One\n\nThe council met.\nIt adjourned.\n');
});
afterAll(async () => {
  for (const unmount of unmounts.reverse()) unmount();
  await rm(work.dir, { recursive: true, force: true });
});

async function tmpfs(name: string, size: string, options: string[] = []): Promise<string> {
  const dir = path.join(work.dir, name);
  unmounts.push(await mountTmpfs(dir, size, options));
  return dir;
}

async function configWithCache(name: string, cacheDir: string): Promise<string> {
  const config = JSON.parse(await readFile(work.config, 'utf8'));
  config.speech.cacheDir = cacheDir;
  const file = path.join(work.dir, name);
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

/** Exit 1, and exactly one error line: it names `where`, says what happened and what to do. */
function expectDiskFailure(result: CliResult, where: string, problem: RegExp): string {
  expect(result.code, result.stderr).toBe(1);
  const errors = result.stderr.split('\n').filter((line) => line.startsWith('error: '));
  expect(errors, result.stderr).toHaveLength(1);
  const line = errors[0]!;
  expect(line).toContain(`error: ${where}`);
  expect(line).toMatch(problem);
  expect(line).toMatch(/\b(Free|Remount|Make it writable)\b/);
  expect(line).toContain('-o');
  expect(result.stderr).not.toMatch(/this is a bug|^\s+at /m);
  return line;
}

describe('disk failures are runtime errors with one clear line', () => {
  it('a second edition that does not fit on the output disk: the first is published, store and feed agree, no folder for the second', async () => {
    // The short episode needs about 150 KB with the player; the sample's MP3 alone about 2 MB.
    const out = await tmpfs('small-out', '1m');
    const result = await runCli(['build', short, sample, '-c', work.config, '-o', out], { cwd: work.dir });
    const line = expectDiskFailure(result, path.join(out, SAMPLE_SLUG, 'episode.mp3'), /no space left on the disk \(\d+\.\d MB needed\)/);
    expect(line).toMatch(/Free at least \d+\.\d MB there/);
    await expectFeedMatchesStore(out, [SHORT_SLUG]);
    expect(await findLeftovers(out)).toEqual([]);

    // With room made, the same command publishes both, reusing the synthesized clips.
    const contents = async () =>
      Object.fromEntries(Object.entries(await snapshotFolder(path.join(out, SHORT_SLUG))).map(([file, entry]) => [file, entry.sha256]));
    const published = await contents();
    const { execFileSync } = await import('node:child_process');
    execFileSync('mount', ['-o', 'remount,size=8m', out]);
    const rerun = await runCli(['build', short, sample, '-c', work.config, '-o', out, '--json'], { cwd: work.dir });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).episodes.map((e: { clips: { synthesized: number } }) => e.clips.synthesized)).toEqual([0, 0]);
    await expectFeedMatchesStore(out, [SHORT_SLUG, SAMPLE_SLUG]);
    expect(await contents()).toEqual(published);
    expect(await findLeftovers(out)).toEqual([]);
  });

  it('a full output disk under an already published episode leaves every published file as it was', async () => {
    const out = await tmpfs('full-out', '4m');
    const first = await runCli(['build', short, '-c', work.config, '-o', out], { cwd: work.dir });
    expect(first.code, first.stderr).toBe(0);
    await fillDisk(out);
    const before = await snapshotFolder(out);
    await writeFile(short, 'A Short One\n\nThe council met again.\nIt adjourned.\n');
    try {
      const result = await runCli(['build', short, '-c', work.config, '-o', out], { cwd: work.dir });
      // Whichever write comes first (the build lock, or the episode) finds the disk full.
      expectDiskFailure(result, out, /no space left on the disk/);
      expect(await snapshotFolder(out)).toEqual(before);
    } finally {
      await writeFile(short, 'A Short One\n\nThe council met.\nIt adjourned.\n');
    }
  });

  it('a full clip cache names the cache folder', async () => {
    const cache = await tmpfs('full-cache', '64k');
    const out = path.join(work.dir, 'out-full-cache');
    const result = await runCli(['build', sample, '-c', await configWithCache('full-cache.json', cache), '-o', out], {
      cwd: work.dir,
    });
    expectDiskFailure(result, cache, /no space left on the disk \(\d+ KB needed\)/);
    expect(await findLeftovers(out)).toEqual([]);
  });

  it('a full staging folder (the episode is stitched inside the cache) names it, with the MP3 size needed', async () => {
    const cache = await tmpfs('staging-cache', '16m');
    const config = await configWithCache('staging-cache.json', cache);
    const warm = await runCli(['build', sample, '-c', config, '-o', path.join(work.dir, 'out-warm')], { cwd: work.dir });
    expect(warm.code, warm.stderr).toBe(0);
    await fillDisk(cache);
    const out = path.join(work.dir, 'out-staging');
    const result = await runCli(['build', sample, '-c', config, '-o', out], { cwd: work.dir });
    expectDiskFailure(result, path.join(cache, 'staging'), /no space left on the disk \(\d+\.\d MB needed\)/);
    expect(await findLeftovers(out)).toEqual([]);
  });

  it('a read-only output folder', async () => {
    const out = await tmpfs('read-only-out', '1m', ['ro']);
    const result = await runCli(['build', short, '-c', work.config, '-o', out], { cwd: work.dir });
    expectDiskFailure(result, out, /the file system is read-only\. Remount it writable/);
  });

  it('an output folder the user may not write to', async () => {
    const out = path.join(work.dir, 'locked-out');
    const cache = path.join(work.dir, 'open-cache');
    await mkdir(out, { recursive: true });
    await mkdir(cache, { recursive: true });
    await chmod(out, 0o555);
    await chmod(cache, 0o777);
    await chmod(work.dir, 0o755);
    const config = await configWithCache('open-cache.json', cache);
    await chmod(config, 0o644);
    await chmod(short, 0o644);
    const result = await runCli(['build', short, '-c', config, '-o', out], { cwd: work.dir, unprivileged: true });
    expectDiskFailure(result, out, /permission denied\. Make it writable for this user/);
  });

  it('a used-up disk quota reads like a full disk', () => {
    const quota = Object.assign(new Error('EDQUOT: disk quota exceeded, write'), {
      code: 'EDQUOT',
      path: '/srv/out/.feed.xml.42.0a1b2c3d.tmp',
    });
    expect(toDiskError(quota, { bytes: 3 * 1024 * 1024 })?.toLine()).toBe(
      '/srv/out/feed.xml: the disk quota is used up (3.0 MB needed). Free at least 3.0 MB of your quota there, or build into a folder on another disk (-o for episodes, speech.cacheDir for the clip cache).',
    );
    expect(toDiskError(Object.assign(new Error('boom'), { code: 'ECONNRESET' }))).toBeUndefined();
  });
});
