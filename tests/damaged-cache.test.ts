/**
 * A clip cache damaged on disk (a PCM file cut short, another with bytes changed in place, both
 * keeping their JSON entries): the built CLI notices (the first by its length when it looks the
 * clip up, the second by the checksum in its entry when it reads the PCM to encode it),
 * synthesizes those two clips again and stitches an episode identical to one made from a sound
 * cache. The same for the segment cache's encoded frames: damaged segments are checked where
 * they are joined, encoded again, never joined in.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, SAMPLE } from './helpers/cli.js';

const SLUG = '2026-11-25-a-little-respite';

let work: { dir: string; config: string; out: string };
let edition: string;

beforeAll(async () => {
  work = await makeWorkspace();
  edition = path.join(work.dir, `${SLUG}.txt`);
  await writeFile(edition, await readFile(SAMPLE));
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

async function cachedFiles(kind: 'clips' | 'segments', extension: string): Promise<string[]> {
  const root = path.join(work.dir, 'cache', kind);
  const files: string[] = [];
  for (const folder of await readdir(root)) {
    for (const name of await readdir(path.join(root, folder))) if (name.endsWith(extension)) files.push(path.join(root, folder, name));
  }
  return files.sort();
}

const cachedPcmFiles = () => cachedFiles('clips', '.pcm');

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

describe('a damaged clip in the cache', () => {
  it('is synthesized again, never stitched in', async () => {
    const first = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const made = JSON.parse(first.stdout).episodes[0].clips.synthesized as number;
    const files = await cachedPcmFiles();
    expect(files.length).toBe(made);
    const sound = Object.fromEntries(await Promise.all(files.map(async (file) => [file, await sha256(file)] as const)));

    // One clip cut short, as by a full disk or a crash; one altered in place, same length.
    const [cut, altered] = [files[0]!, files[1]!];
    await truncate(cut, Math.floor((await stat(cut)).size / 2));
    const handle = await open(altered, 'r+');
    await handle.write(Buffer.alloc(4096, 0x55), 0, 4096, Math.floor((await stat(altered)).size / 2));
    await handle.close();

    // A fresh output folder and no encoded segments, so the episode must be made from the clips.
    await rm(path.join(work.dir, 'cache', 'segments'), { recursive: true, force: true });
    const out = path.join(work.dir, 'output-again');
    const again = await runCli(['build', edition, '-c', work.config, '-o', out, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const episode = JSON.parse(again.stdout).episodes[0];
    expect(episode.clips).toEqual({ synthesized: 2, cached: made - 2 });
    // flite is deterministic: the clips made again are the ones first made, and so is the episode.
    for (const file of files) expect(await sha256(file), file).toBe(sound[file]);
    expect(await sha256(path.join(out, SLUG, 'episode.mp3'))).toBe(await sha256(path.join(work.out, SLUG, 'episode.mp3')));
  });

  it('has its damaged segments encoded again, never joined in', async () => {
    const first = await runCli(['build', edition, '-c', work.config, '-o', work.out, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const files = await cachedFiles('segments', '.mp3');
    const count = files.length;
    expect(count).toBeGreaterThan(2);
    const sound = Object.fromEntries(await Promise.all(files.map(async (file) => [file, await sha256(file)] as const)));

    // One segment altered in place, same length (2,000 bytes overwritten); one cut short.
    const [altered, cut] = [files[0]!, files[1]!];
    const handle = await open(altered, 'r+');
    await handle.write(Buffer.alloc(2000, 0xa5), 0, 2000, Math.floor((await stat(altered)).size / 3));
    await handle.close();
    expect(await sha256(altered)).not.toBe(sound[altered]);
    await truncate(cut, Math.floor((await stat(cut)).size / 2));

    // A fresh output folder, so the episode is joined from the segment cache again.
    const out = path.join(work.dir, 'output-segments');
    const again = await runCli(['build', edition, '-c', work.config, '-o', out, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const episode = JSON.parse(again.stdout).episodes[0];
    expect(episode.clips.synthesized).toBe(0);
    expect(episode.segments).toEqual({ encoded: 2, cached: count - 2 });
    // Encoding is deterministic: the segments made again are the ones first made, and so is the episode.
    for (const file of files) expect(await sha256(file), file).toBe(sound[file]);
    expect(await sha256(path.join(out, SLUG, 'episode.mp3'))).toBe(await sha256(path.join(work.out, SLUG, 'episode.mp3')));
  });
});
