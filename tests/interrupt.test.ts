/**
 * Ctrl-C (SIGINT) and SIGTERM sent to the built CLI while a build synthesizes with real flite
 * and encodes with real ffmpeg, over an output folder that already holds a published episode of
 * the same slug. The build must stop within seconds with exit 130 or 143 and one line on stderr,
 * leave no process it started (ffmpeg) running, no temporary file in the output folder or the
 * cache, and every published file as it was; the next build resumes from the cache. A second
 * Ctrl-C exits at once. A Google build stops sending requests.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from './helpers/cli.js';
import { localGoogleConfig, startFakeGoogleServer, startMetadataTrap } from './helpers/google-server.js';
import { processesMentioning, startCli, type WatchedCli, waitFor } from './helpers/processes.js';
import { snapshotFolder, type FolderSnapshot } from './helpers/snapshot.js';

const SLUG = '2026-12-02-a-long-evening';
/** Enough that each stopped build finds synthesis and encoding under way, few enough to keep the file quick. */
const PARAGRAPHS = 18;

let work: { dir: string; config: string; out: string };
let edition: string;
let published: FolderSnapshot;
/** Clips the published version left in the cache. */
let yesterdayClips = 0;

/** `count` distinct paragraphs of newsroom prose. */
function paragraphs(count: number, topic: string): string[] {
  return Array.from(
    { length: count },
    (_, i) =>
      `In the ${topic} report number ${i + 1}, officials said the council would meet again on Thursday to weigh a proposal that critics call rushed.`,
  );
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.map((entry) => entry.toString());
}

async function countCachedClips(): Promise<number> {
  return (await filesUnder(path.join(work.dir, 'cache', 'clips'))).filter((name) => name.endsWith('.json')).length;
}

/** What a stopped build must not leave: temporary files anywhere in the output folder or the cache, and a lock. */
async function leftovers(pid: number): Promise<string[]> {
  const found = [
    ...(await filesUnder(work.out)).filter((name) => name.endsWith('.tmp') || name.endsWith('.audio-edition.lock')),
    ...(await filesUnder(path.join(work.dir, 'cache'))).filter(
      (name) => name.endsWith('.tmp') || name.endsWith('.pcm.tmp') || path.basename(name).startsWith(`${pid}-`),
    ),
  ];
  // Each flite worker's scratch folder.
  const scratch = (await readdir(tmpdir())).filter((name) => name.startsWith(`audio-edition-flite-${pid}-`));
  return [...found, ...scratch];
}

function build(args: string[] = []): WatchedCli {
  return startCli(['build', edition, '-c', work.config, '-o', work.out, '--json', ...args], { cwd: work.dir });
}

/** Waits until this build has synthesized `clips` more clips and an ffmpeg encoder of it is running right now. */
async function waitUntilUnderWay(cli: WatchedCli, clips: number): Promise<void> {
  const start = await countCachedClips();
  const underWay = await waitFor(
    cli,
    async () => (await countCachedClips()) >= start + clips && [...cli.current().values()].some((entry) => entry.command === 'ffmpeg'),
  );
  expect(underWay, `the build ended or stalled before it could be interrupted: ${cli.stderr()}`).toBe(true);
}

/** Everything a stopped build must guarantee, whatever stopped it: `before` is the output folder when it started. */
async function expectStoppedCleanly(cli: WatchedCli, before: FolderSnapshot = published): Promise<void> {
  expect(cli.seen.size, 'no ffmpeg process was seen: the test did not interrupt an encode').toBeGreaterThan(0);
  expect(await cli.survivors()).toEqual([]);
  expect(processesMentioning(work.dir)).toEqual([]);
  expect(await leftovers(cli.pid)).toEqual([]);
  expect(await snapshotFolder(work.out)).toEqual(before);
}

beforeAll(async () => {
  work = await makeWorkspace();
  edition = path.join(work.dir, `${SLUG}.txt`);
  // Yesterday's version of the edition, published.
  await writeFile(edition, ['An Early Evening', '', ...paragraphs(2, 'morning')].join('\n'));
  const first = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json'], { cwd: work.dir });
  expect(first.code, first.stderr).toBe(0);
  published = await snapshotFolder(work.out);
  yesterdayClips = await countCachedClips();
  // Today's, long enough that synthesis and encoding are both under way for a while.
  await writeFile(edition, ['A Long Evening', '', ...paragraphs(PARAGRAPHS, 'evening')].join('\n'));
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

describe('a build stopped by a signal', () => {
  it('Ctrl-C (SIGINT): exits 130 within seconds with one line, no process or temporary file left, published files unchanged', async () => {
    const cli = build();
    await waitUntilUnderWay(cli, 2);
    const sent = Date.now();
    cli.child.kill('SIGINT');
    const exit = await cli.exit;
    expect(exit.code, cli.stderr()).toBe(130);
    expect(exit.at - sent).toBeLessThan(5000);
    expect(cli.stderr()).toBe(
      `interrupted: stopped the build; nothing in ${work.out} was changed. Run the same command again to resume from the cache.\n`,
    );
    expect(cli.stdout()).toBe('');
    await expectStoppedCleanly(cli);
  });

  it('a second Ctrl-C while it cleans up exits 130 at once', async () => {
    const cli = build();
    await waitUntilUnderWay(cli, 1);
    const sent = Date.now();
    cli.child.kill('SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 10));
    cli.child.kill('SIGINT');
    const exit = await cli.exit;
    expect(exit.code, cli.stderr()).toBe(130);
    expect(exit.at - sent).toBeLessThan(2000);
    expect(cli.stderr()).toBe('interrupted again: stopped at once, without waiting for the clean-up.\n');
    // Killed on the first signal, already: nothing the build started runs on.
    expect(await cli.survivors()).toEqual([]);
    expect(processesMentioning(work.dir)).toEqual([]);
    expect(await snapshotFolder(work.out)).toEqual(published);
  });

  let cachedBeforeRerun = 0;

  it('SIGTERM: exits 143 with the same line and the same guarantees', async () => {
    const cli = build();
    await waitUntilUnderWay(cli, 2);
    const sent = Date.now();
    cli.child.kill('SIGTERM');
    const exit = await cli.exit;
    expect(exit.code, cli.stderr()).toBe(143);
    expect(exit.at - sent).toBeLessThan(5000);
    expect(cli.stderr()).toBe(
      `interrupted: stopped the build; nothing in ${work.out} was changed. Run the same command again to resume from the cache.\n`,
    );
    expect(cli.stdout()).toBe('');
    await expectStoppedCleanly(cli);
    cachedBeforeRerun = await countCachedClips();
  });

  it('the next build completes, reusing every clip the stopped ones synthesized', async () => {
    const rerun = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json'], { cwd: work.dir });
    expect(rerun.code, rerun.stderr).toBe(0);
    const episode = JSON.parse(rerun.stdout).episodes[0];
    expect(episode.slug).toBe(SLUG);
    expect(episode.paragraphs).toBe(PARAGRAPHS);
    // Every clip the stopped builds made is reused (and any of yesterday's that today reads too).
    expect(cachedBeforeRerun - yesterdayClips).toBeGreaterThanOrEqual(4);
    expect(episode.clips.cached).toBeGreaterThanOrEqual(cachedBeforeRerun - yesterdayClips);
    const manifest = JSON.parse(await readFile(path.join(work.out, SLUG, 'manifest.json'), 'utf8'));
    expect(manifest.title).toBe('A Long Evening');
    expect((await filesUnder(work.out)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // What the build stopped at once had no time to remove is cleared by the next ones.
    expect((await filesUnder(path.join(work.dir, 'cache'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(await filesUnder(path.join(work.dir, 'cache', 'staging'))).toEqual([]);
  });
});

describe('a preview stopped by a signal', () => {
  it('Ctrl-C: exits 130, leaves the MP3 it would have replaced as it was, and nothing running or temporary', async () => {
    const file = path.join(work.dir, 'preview-edition.txt');
    await writeFile(file, ['A Preview', '', ...paragraphs(6, 'preview')].join('\n'));
    const outFile = path.join(work.dir, 'check.mp3');
    await writeFile(outFile, 'the preview an editor listened to before');
    const before = await snapshotFolder(work.out);
    const cli = startCli(['preview', file, '--article', '1', '-c', work.config, '-o', outFile], { cwd: work.dir });
    await waitUntilUnderWay(cli, 1);
    const sent = Date.now();
    cli.child.kill('SIGINT');
    const exit = await cli.exit;
    expect(exit.code, cli.stderr()).toBe(130);
    expect(exit.at - sent).toBeLessThan(5000);
    expect(cli.stderr()).toBe(`interrupted: stopped the preview; ${outFile} was not written.\n`);
    expect(await readFile(outFile, 'utf8')).toBe('the preview an editor listened to before');
    await expectStoppedCleanly(cli, before);
  });
});

describe('a Google build stopped by a signal', () => {
  it('sends no request after SIGTERM, does not wait for those in flight, and exits 143', async () => {
    // Every request takes a second to answer, so the ones in flight when the signal comes are still unanswered.
    const server = await startFakeGoogleServer({ faults: { delay: 1, delayMs: 1000 } });
    const trap = await startMetadataTrap();
    const google = await makeWorkspace({
      speech: { engine: 'google', voice: undefined, concurrency: 2 },
      engines: localGoogleConfig(server.port).engines,
    });
    try {
      const file = path.join(google.dir, `${SLUG}.txt`);
      await writeFile(file, ['A Long Evening', '', ...paragraphs(6, 'evening')].join('\n'));
      const env = { GCE_METADATA_HOST: trap.host, GOOGLE_APPLICATION_CREDENTIALS: path.join(google.dir, 'no-such-key.json') };
      const cli = startCli(['build', file, '-c', google.config, '-o', google.out, '--json'], { cwd: google.dir, env });
      const requests = () => server.calls.filter((call) => call.method === 'SynthesizeSpeech');
      // Just after the second pair of requests went out: the next answer is a second away.
      const underWay = await waitFor(cli, () => requests().length >= 4 && requests().filter((call) => call.status === 'OK').length >= 2);
      expect(underWay, cli.stderr()).toBe(true);
      const sent = Date.now();
      const before = requests().length;
      cli.child.kill('SIGTERM');
      const exit = await cli.exit;
      expect(exit.code, cli.stderr()).toBe(143);
      expect(exit.at - sent).toBeLessThan(800);
      expect(cli.stderr()).toBe(
        `interrupted: stopped the build; nothing in ${google.out} was changed. Run the same command again to resume from the cache.\n`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests()).toHaveLength(before);
      expect(requests().filter((call) => call.status === 'PENDING')).toEqual([]);
      expect(await cli.survivors()).toEqual([]);
    } finally {
      await server.close();
      await trap.close();
      await rm(google.dir, { recursive: true, force: true });
    }
  });
});
