import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed, TranscriptType } from 'podcast-partytime';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuildFeed, renderFeed } from '../src/publish/feed.js';
import { feedUrlOf } from '../src/publish/urls.js';
import { podcastGuid, readStore, type Store } from '../src/publish/store.js';
import { buildFixtureEpisode, makeOutDir, writeCover, probeDuration, testConfig, THREE_EDITIONS } from './feed-fixtures.js';

const writeFeed = async (outDir: string, feedConfig: typeof config) => (await rebuildFeed({ outDir, config: feedConfig })).feed;

/** The written feed, read back the way directories read it: a strict XML parser and Podcast Index's parser. */

const BASE = 'https://cdn.example.com/audio/';
const config = testConfig({}, { timeZone: 'Europe/Berlin', publishTime: '06:30' });

type Node = Record<string, any>;

function parseStrict(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name) => ['item', 'itunes:category', 'podcast:transcript', 'atom:link'].includes(name),
  });
  return parser.parse(xml) as Node;
}

/** Every absolute URL in the document: attribute values and element texts. */
function urlsIn(xml: string): string[] {
  return [...xml.matchAll(/(?:="|>)(https?:\/\/[^"<\s]+)/g)].map((match) => match[1]!.replace(/&amp;/g, '&'));
}

describe('feed.xml for three editions', () => {
  let outDir: string;
  let xml: string;
  let channel: Node;
  let items: Node[];

  beforeAll(async () => {
    outDir = await makeOutDir();
    for (const edition of THREE_EDITIONS) await buildFixtureEpisode(outDir, edition, config);
    await writeCover(outDir);
    const file = await writeFeed(outDir, config);
    expect(file).toBe(path.join(outDir, 'feed.xml'));
    xml = await readFile(file, 'utf8');
    const rss = parseStrict(xml).rss as Node;
    expect(rss['@_version']).toBe('2.0');
    expect(rss['@_xmlns:itunes']).toBe('http://www.itunes.com/dtds/podcast-1.0.dtd');
    expect(rss['@_xmlns:podcast']).toBe('https://podcastindex.org/namespace/1.0');
    channel = rss.channel as Node;
    items = channel.item as Node[];
  });

  it('describes the show the way Apple asks', () => {
    expect(channel.title).toBe('The Morning Edition');
    expect(channel.description).toBe('The day’s stories, read aloud.');
    expect(channel.link).toBe('https://news.example.com/');
    expect(channel.language).toBe('en-us');
    expect(channel['itunes:author']).toBe('The Newsroom');
    expect(channel['itunes:owner']).toEqual({ 'itunes:name': 'Night Desk', 'itunes:email': 'desk@example.com' });
    expect(channel['itunes:image']['@_href']).toBe('https://cdn.example.com/audio/cover.jpg');
    expect(channel['itunes:category']).toEqual([{ '@_text': 'News', 'itunes:category': [{ '@_text': 'Daily News' }] }]);
    expect(channel['itunes:explicit']).toBe('false');
    expect(channel['itunes:type']).toBe('episodic');
    const self = (channel['atom:link'] as Node[]).find((link) => link['@_rel'] === 'self')!;
    expect(self['@_href']).toBe(`${BASE}feed.xml`);
    expect(self['@_type']).toBe('application/rss+xml');
  });

  it('carries the Podcasting 2.0 channel tags', () => {
    expect(channel['podcast:guid']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(channel['podcast:locked']).toEqual({ '#text': 'yes', '@_owner': 'desk@example.com' });
  });

  it('dates the channel by its newest episode, not by the build', () => {
    expect(channel.pubDate).toBe('Wed, 25 Nov 2026 06:30:00 +0100');
    expect(channel.lastBuildDate).toBe(channel.pubDate);
  });

  it('lists the editions newest first with everything an item needs', async () => {
    expect(items.map((item) => item.title)).toEqual(['Wednesday, From HTML', 'Tuesday, From Markdown', 'Monday, From Plain Text']);
    const store = await readStore(outDir);
    for (const item of items) {
      const record = store.episodes.find((episode) => episode.title === item.title)!;
      const slug = record.slug;
      expect(item.guid).toEqual({ '#text': record.guid, '@_isPermaLink': 'false' });
      expect(item.pubDate).toBe(
        `${{ 23: 'Mon', 24: 'Tue', 25: 'Wed' }[record.date.slice(8)]}, ${record.date.slice(8)} Nov 2026 06:30:00 +0100`,
      );
      expect(item.link).toBe(`${BASE}${slug}/`);
      expect(item.enclosure['@_url']).toBe(`${BASE}${slug}/episode.mp3`);
      expect(item.enclosure['@_type']).toBe('audio/mpeg');
      const file = path.join(outDir, slug, 'episode.mp3');
      expect(Number(item.enclosure['@_length'])).toBe((await stat(file)).size);
      expect(item['itunes:duration']).toMatch(/^\d+$/);
      expect(Math.abs(Number(item['itunes:duration']) - (await probeDuration(file)))).toBeLessThanOrEqual(1);
      expect(item['itunes:episodeType']).toBe('full');
      expect(item['itunes:image']['@_href']).toBe('https://cdn.example.com/audio/cover.jpg');
      expect(item['podcast:transcript']).toEqual([
        { '@_url': `${BASE}${slug}/transcript.vtt`, '@_type': 'text/vtt', '@_language': 'en-us', '@_rel': 'captions' },
        { '@_url': `${BASE}${slug}/transcript.srt`, '@_type': 'application/x-subrip', '@_language': 'en-us', '@_rel': 'captions' },
      ]);
      expect(item['podcast:chapters']).toEqual({ '@_url': `${BASE}${slug}/chapters.json`, '@_type': 'application/json+chapters' });
      expect(item.description).toContain(`<li><strong>${record.stories[0]!.title}</strong> – The first paragraph of the first story.</li>`);
      expect(Buffer.byteLength(item.description as string)).toBeLessThanOrEqual(4000);
    }
  });

  it('wraps item descriptions in CDATA', () => {
    expect(xml).toMatch(/<description><!\[CDATA\[<ul><li><strong>/);
  });

  it('points every URL under baseUrl at a file in the output folder', async () => {
    const local = urlsIn(xml).filter((url) => url.startsWith(BASE));
    expect(local.length).toBeGreaterThan(3 * 5);
    for (const url of local) {
      const relative = decodeURIComponent(url.slice(BASE.length));
      const file = path.join(outDir, relative.endsWith('/') ? `${relative}index.html` : relative);
      expect((await stat(file)).isFile(), url).toBe(true);
    }
  });

  it('reads the same through Podcast Index’s parser', async () => {
    const feed = parseFeed(xml, { allowMissingGuid: false })!;
    expect(feed).not.toBeNull();
    expect(feed.title).toBe('The Morning Edition');
    expect(feed.guid).toBe(channel['podcast:guid']);
    expect(feed.locked).toBe(true);
    expect(feed.podcastOwner).toBe('desk@example.com');
    expect(feed.owner).toEqual({ name: 'Night Desk', email: 'desk@example.com' });
    expect(feed.explicit).toBe(false);
    // Partytime normalizes Apple's categories to lower-case words.
    expect(feed.categories).toEqual(['news', 'daily']);
    expect(feed.items).toHaveLength(3);
    const store = await readStore(outDir);
    for (const episode of feed.items) {
      const record = store.episodes.find((candidate) => candidate.guid === episode.guid)!;
      expect(record).toBeDefined();
      const file = path.join(outDir, record.audio.file);
      expect(episode.enclosure.length).toBe((await stat(file)).size);
      expect(episode.enclosure.type).toBe('audio/mpeg');
      expect(Math.abs(episode.duration - (await probeDuration(file)))).toBeLessThanOrEqual(1);
      expect(episode.pubDate?.toISOString()).toBe(`${record.date}T05:30:00.000Z`);
      expect(episode.itunesEpisodeType).toBe('full');
      expect(episode.podcastChapters).toMatchObject({ url: `${BASE}${record.slug}/chapters.json`, type: 'application/json+chapters' });
      // Partytime maps application/x-subrip to its SRT type; "unknown" would mean it did not recognise ours.
      expect(episode.podcastTranscripts?.map((transcript) => transcript.type)).toEqual([TranscriptType.VTT, TranscriptType.SRT]);
    }
  });

  it('renders the same bytes twice, and the feed command reproduces the file', async () => {
    const store: Store = await readStore(outDir);
    const first = renderFeed(store, config);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(renderFeed(store, config)).toBe(first);
    expect(first).toBe(xml);
    const result = await rebuildFeed({ config, outDir });
    expect(result).toMatchObject({ feed: path.join(outDir, 'feed.xml'), episodes: 3 });
    expect(await readFile(result.feed, 'utf8')).toBe(xml);
  });

  it('keeps three items and their GUIDs when an edition is rebuilt', async () => {
    const before = (await readStore(outDir)).episodes.map((episode) => [episode.slug, episode.guid]);
    await buildFixtureEpisode(outDir, { ...THREE_EDITIONS[1]!, seconds: 6, title: 'Tuesday, Corrected' }, config);
    const after = await readStore(outDir);
    expect(after.episodes.map((episode) => [episode.slug, episode.guid])).toEqual(before);
    const rebuilt = parseStrict(await readFile(await writeFeed(outDir, config), 'utf8')).rss.channel as Node;
    expect((rebuilt.item as Node[]).map((item) => item.guid['#text'])).toEqual(items.map((item) => item.guid['#text']));
    expect((rebuilt.item as Node[])[1]!.title).toBe('Tuesday, Corrected');
    const file = path.join(outDir, THREE_EDITIONS[1]!.slug, 'episode.mp3');
    expect(Number((rebuilt.item as Node[])[1]!.enclosure['@_length'])).toBe((await stat(file)).size);
  });

  it('shows only the newest feed.maxEpisodes', async () => {
    const two = parseStrict(renderFeed(await readStore(outDir), testConfig({}, { maxEpisodes: 2 }))).rss.channel as Node;
    expect((two.item as Node[]).map((item) => item.title)).toEqual(['Wednesday, From HTML', 'Tuesday, Corrected']);
  });

  it('has a podcast:guid derived from the feed URL', () => {
    expect(feedUrlOf(config)).toBe(`${BASE}feed.xml`);
    // UUIDv5 of "cdn.example.com/audio/feed.xml" in the Podcasting 2.0 namespace.
    expect(channel['podcast:guid']).toBe(podcastGuid('cdn.example.com/audio/feed.xml'));
  });
});
