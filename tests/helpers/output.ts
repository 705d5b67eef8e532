import { execFileSync } from 'node:child_process';
import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';

/** What an output folder publishes: the store's episodes and the feed's items, by GUID. */
export async function readListing(out: string): Promise<{ store: Array<{ slug: string; guid: string }>; feed: string[] }> {
  const store = await readFile(path.join(out, 'episodes.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { episodes: Array<{ slug: string; guid: string }> }).episodes,
    () => [],
  );
  const xml = await readFile(path.join(out, 'feed.xml'), 'utf8').catch(() => undefined);
  if (xml === undefined) return { store, feed: [] };
  expect(XMLValidator.validate(xml)).toBe(true);
  const channel = new XMLParser({ ignoreAttributes: false }).parse(xml).rss.channel;
  const items = [channel.item ?? []].flat() as Array<{ guid: string | { '#text': string } }>;
  return { store, feed: items.map((item) => (typeof item.guid === 'string' ? item.guid : item.guid['#text'])) };
}

/** The store and the feed list the same episodes (the feed keeps at most `maxEpisodes`). */
export async function expectFeedMatchesStore(out: string, slugs: string[]): Promise<void> {
  const { store, feed } = await readListing(out);
  expect(store.map((episode) => episode.slug).sort()).toEqual([...slugs].sort());
  expect([...feed].sort()).toEqual(store.map((episode) => episode.guid).sort());
}

/** Temporary files and folders anywhere in `out`, and episode folders without a manifest and audio. */
export async function findLeftovers(out: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(out, { withFileTypes: true }).catch(() => [])) {
    if (entry.name.startsWith('.') || entry.name.endsWith('.tmp')) found.push(entry.name);
    if (!entry.isDirectory()) continue;
    const names = await readdir(path.join(out, entry.name));
    for (const name of names) if (name.startsWith('.') || name.endsWith('.tmp')) found.push(`${entry.name}/${name}`);
    if (!names.includes('manifest.json') || !names.includes('episode.mp3')) found.push(`${entry.name}/ (incomplete)`);
  }
  return found;
}

/** Mounts a tmpfs of `size` (`1m`, `300k`) at `dir`, for a disk that fills up; returns an unmount. */
export async function mountTmpfs(dir: string, size: string, options: string[] = []): Promise<() => void> {
  await mkdir(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', [`size=${size}`, 'mode=0777', ...options].join(','), 'tmpfs', dir]);
  return () => execFileSync('umount', ['-l', dir]);
}

/** Fills the disk under `dir` to the last byte with one file. */
export async function fillDisk(dir: string): Promise<void> {
  const handle = await open(path.join(dir, 'filler'), 'w');
  const block = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  // The last partial block: a byte at a time until the disk refuses.
  const tail = await open(path.join(dir, 'filler-tail'), 'w');
  try {
    for (;;) await tail.write(Buffer.alloc(1024, 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await tail.close();
  }
  expect((await stat(path.join(dir, 'filler'))).size).toBeGreaterThan(0);
}
