/**
 * Two builds at once into one output folder, sharing one clip cache: both succeed, the episode
 * store keeps every episode, and the feed is whole, valid XML with one item per episode.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import { makeWorkspace, runCli } from './helpers/cli.js';

let work: { dir: string; config: string; out: string };

beforeAll(async () => {
  work = await makeWorkspace();
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

async function writeEdition(name: string, title: string): Promise<string> {
  const file = path.join(work.dir, name);
  const body = Array.from(
    { length: 4 },
    (_, i) => `${title}: paragraph ${i + 1} says the talks resumed after a long pause, and both sides sounded hopeful.`,
  );
  await writeFile(file, [title, '', ...body].join('\n'));
  return file;
}

const build = (file: string) => runCli(['build', file, '-c', work.config, '-o', work.out, '--json'], { cwd: work.dir });

async function readStore(): Promise<string[]> {
  const store = JSON.parse(await readFile(path.join(work.out, 'episodes.json'), 'utf8'));
  const episodes = (Array.isArray(store) ? store : store.episodes) as Array<{ slug: string }>;
  return episodes.map((episode) => episode.slug).sort();
}

async function readFeedItems(): Promise<Array<Record<string, any>>> {
  const xml = await readFile(path.join(work.out, 'feed.xml'), 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const feed = new XMLParser({ ignoreAttributes: false }).parse(xml);
  return [feed.rss.channel.item ?? []].flat();
}

async function expectNoTemporaryFiles(): Promise<void> {
  const names = [
    ...(await readdir(work.out)),
    ...(
      await Promise.all(
        (await readdir(work.out, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => readdir(path.join(work.out, e.name))),
      )
    ).flat(),
  ];
  expect(names.filter((name) => name.startsWith('.') || name.endsWith('.tmp'))).toEqual([]);
}

describe('two simultaneous builds into one output folder', () => {
  it('of different editions: both succeed and both episodes are in the store and the feed', async () => {
    const [a, b] = await Promise.all([writeEdition('2026-12-02-north.txt', 'North'), writeEdition('2026-12-03-south.txt', 'South')]);
    const [first, second] = await Promise.all([build(a), build(b)]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(await readStore()).toEqual(['2026-12-02-north', '2026-12-03-south']);
    const items = await readFeedItems();
    expect(items.map((item) => String(item.title)).sort()).toEqual(['North', 'South']);
    const guids = items.map((item) => String(item.guid?.['#text'] ?? item.guid));
    expect(new Set(guids).size).toBe(2);
    for (const slug of ['2026-12-02-north', '2026-12-03-south']) {
      const manifest = JSON.parse(await readFile(path.join(work.out, slug, 'manifest.json'), 'utf8'));
      expect(manifest.slug).toBe(slug);
      expect((await probe(path.join(work.out, slug, 'episode.mp3'))).codec).toBe('mp3');
    }
    await expectNoTemporaryFiles();
  });

  it('of the same edition: both succeed and the episode is in the store once, not twice', async () => {
    const file = await writeEdition('2026-12-04-east.txt', 'East');
    const [first, second] = await Promise.all([build(file), build(file)]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(await readStore()).toEqual(['2026-12-02-north', '2026-12-03-south', '2026-12-04-east'].sort());
    const items = await readFeedItems();
    expect(items.map((item) => String(item.title)).sort()).toEqual(['East', 'North', 'South']);
    const manifest = JSON.parse(await readFile(path.join(work.out, '2026-12-04-east', 'manifest.json'), 'utf8'));
    const info = await probe(path.join(work.out, '2026-12-04-east', 'episode.mp3'));
    expect(Math.abs(info.durationSeconds - manifest.audio.durationSeconds)).toBeLessThan(0.1);
    expect(manifest.audio.bytes).toBe((await readFile(path.join(work.out, '2026-12-04-east', 'episode.mp3'))).length);
    await expectNoTemporaryFiles();
  });
});
