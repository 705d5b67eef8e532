import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'podcast-partytime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import { makeWorkspace, runCli, SAMPLE } from './helpers/cli.js';

/** Three editions in three formats, built by the real CLI, then the feed read back as apps read it. */

let work: { dir: string; config: string; out: string };
let files: string[];

beforeAll(async () => {
  work = await makeWorkspace({ show: { baseUrl: 'https://cdn.example.com/audio/', image: 'https://cdn.example.com/audio/cover.jpg' } });
  const md = path.join(work.dir, '2026-11-26-markets.md');
  await writeFile(
    md,
    '---\ntitle: "Markets & <Money>"\ndescription: Stocks ]]> bonds\n---\n# Stocks rally\nShares rose on Thursday.\n# Bonds slip\nYields climbed.\n',
  );
  const html = path.join(work.dir, '2026-11-27-weather.html');
  await writeFile(
    html,
    '<html><head><title>Weather Watch</title></head><body><article><h1>Storm warning</h1><p>A storm is coming.</p><script>alert(1)</script></article><article><h2>Weekend</h2><p>Sunny by Saturday.</p></article></body></html>',
  );
  files = [SAMPLE, md, html];
  const result = await runCli(['build', ...files, '-c', work.config, '-o', work.out, '--json']);
  expect(result.stderr).not.toMatch(/^error/m);
  expect(result.code).toBe(0);
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

function items(xml: string): Array<Record<string, any>> {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    isArray: (name) => name === 'item' || name === 'podcast:transcript',
  }).parse(xml);
  return parsed.rss.channel.item;
}

describe('the feed after building a .txt, a .md and an .html edition', () => {
  it('has three valid items, newest first, whose enclosures are the files in output/', async () => {
    const xml = await readFile(path.join(work.out, 'feed.xml'), 'utf8');
    const list = items(xml);
    expect(list.map((item) => item.title)).toEqual(['Weather Watch', 'Markets & <Money>', 'A Little Respite']);
    for (const item of list) {
      const url = new URL(item.enclosure['@_url']);
      const file = path.join(work.out, url.pathname.replace('/audio/', ''));
      expect(Number(item.enclosure['@_length'])).toBe((await stat(file)).size);
      expect(Math.abs(Number(item['itunes:duration']) - (await probe(file)).durationSeconds)).toBeLessThan(1);
      expect(item.guid['@_isPermaLink']).toBe('false');
      for (const transcript of item['podcast:transcript']) {
        await stat(path.join(work.out, new URL(transcript['@_url']).pathname.replace('/audio/', '')));
      }
    }
    const feed = parseFeed(xml);
    expect(feed?.items).toHaveLength(3);
    expect(feed?.guid).toBeTruthy();
  });

  it('keeps three items and the same GUIDs when one edition is rebuilt, and `feed` reproduces the same file', async () => {
    const before = await readFile(path.join(work.out, 'feed.xml'), 'utf8');
    const guids = items(before).map((item) => item.guid['#text']);
    const rebuilt = await runCli(['build', files[1]!, '-c', work.config, '-o', work.out, '--json']);
    expect(rebuilt.code).toBe(0);
    const after = await readFile(path.join(work.out, 'feed.xml'), 'utf8');
    expect(items(after).map((item) => item.guid['#text'])).toEqual(guids);
    expect(after).toBe(before);
    const store = JSON.parse(await readFile(path.join(work.out, 'episodes.json'), 'utf8'));
    expect(store.episodes).toHaveLength(3);

    await rm(path.join(work.out, 'feed.xml'));
    const feed = await runCli(['feed', '-c', work.config, '-o', work.out, '--json']);
    expect(feed.code).toBe(0);
    expect(JSON.parse(feed.stdout).episodes).toBe(3);
    expect(await readFile(path.join(work.out, 'feed.xml'), 'utf8')).toBe(before);
  });
});
