import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'podcast-partytime';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/errors.js';
import { renderFeed } from '../src/publish/feed.js';
import type { EpisodeRecord, Store } from '../src/publish/store.js';
import { testConfig } from './feed-fixtures.js';

/** Hostile text and unusual configs still give a feed that parses. Pure rendering, no files. */

function record(overrides: Partial<EpisodeRecord> = {}): EpisodeRecord {
  return {
    slug: '2026-11-25-edition',
    guid: 'f1d2c3b4-0000-5000-8000-000000000001',
    title: 'Edition',
    date: '2026-11-25',
    stories: [{ title: 'Story', summary: 'First paragraph.' }],
    audio: { file: '2026-11-25-edition/episode.mp3', bytes: 1234, durationSeconds: 61.6, type: 'audio/mpeg' },
    createdAt: '2026-11-25T05:00:00.000Z',
    updatedAt: '2026-11-25T05:00:00.000Z',
    ...overrides,
  };
}

const store = (...episodes: EpisodeRecord[]): Store => ({ version: 1, episodes });

function parse(xml: string): Record<string, any> {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    isArray: (name) => name === 'item',
  }).parse(xml);
}

describe('XML safety', () => {
  it('keeps &, <, ]]> in titles and drops control characters', () => {
    const title = 'Q&A: <b>bold</b> ]]> end\u0007\u0000 tail \u{1F4F0}';
    const xml = renderFeed(
      store(record({ title, stories: [{ title: 'A ]]> B & <C>', summary: 'x]]>y\u001b z' }], description: 'Intro & <more>' })),
      testConfig({ title: 'Show ]]> & <Co>\u0008' }),
    );
    const channel = parse(xml).rss.channel;
    expect(channel.title).toBe('Show ]]> & <Co>');
    const item = channel.item[0];
    expect(item.title).toBe('Q&A: <b>bold</b> ]]> end tail \u{1F4F0}');
    expect(item.description).toBe(
      '<p>Intro &amp; &lt;more&gt;</p><ul><li><strong>A ]]&gt; B &amp; &lt;C&gt;</strong> – x]]&gt;y z</li></ul>',
    );
    // The description is HTML that is itself well-formed.
    expect(XMLValidator.validate(`<root>${item.description}</root>`)).toBe(true);
    expect(parseFeed(xml)!.items[0]!.title).toBe('Q&A: <b>bold</b> ]]> end tail \u{1F4F0}');
  });

  it('removes lone surrogates and U+FFFE/U+FFFF', () => {
    const xml = renderFeed(store(record({ title: 'a\uD800b\uFFFEc\uFFFFd' })), testConfig());
    expect(parse(xml).rss.channel.item[0].title).toBe('abcd');
  });

  it('keeps descriptions within 4,000 bytes with their tags closed', () => {
    const long = 'Ünïcödé “quotes” & ampersands 📰 '.repeat(60);
    const stories = Array.from({ length: 20 }, (_, index) => ({ title: `Story ${index + 1}`, summary: long }));
    const xml = renderFeed(store(record({ stories })), testConfig());
    const description: string = parse(xml).rss.channel.item[0].description;
    expect(Buffer.byteLength(description)).toBeLessThanOrEqual(4000);
    expect(Buffer.byteLength(description)).toBeGreaterThan(3500);
    expect(description).toMatch(/…<\/li><\/ul>$/);
    expect(description).not.toContain('\uFFFD');
    expect(XMLValidator.validate(`<root>${description}</root>`)).toBe(true);
  });

  it('writes no owner email and no podcast:locked without an email', () => {
    const xml = renderFeed(store(record()), testConfig({ owner: { name: 'Desk', email: '' } }));
    const channel = parse(xml).rss.channel;
    expect(channel['itunes:owner']).toEqual({ 'itunes:name': 'Desk' });
    expect(xml).not.toContain('itunes:email');
    expect(xml).not.toContain('podcast:locked');
  });

  it('never writes length="0": the enclosure carries the recorded size', () => {
    const xml = renderFeed(store(record()), testConfig());
    expect(parse(xml).rss.channel.item[0].enclosure['@_length']).toBe('1234');
  });

  it('links only the sidecar files that exist', () => {
    const xml = renderFeed(store(record()), testConfig());
    expect(xml).not.toContain('podcast:transcript');
    expect(xml).not.toContain('podcast:chapters');
    // Without a listen page the item links to the show's site.
    expect(parse(xml).rss.channel.item[0].link).toBe('https://news.example.com/');
  });

  it('handles an empty store: valid feed, no dates', () => {
    const xml = renderFeed(store(), testConfig());
    const channel = parse(xml).rss.channel;
    expect(channel.item).toBeUndefined();
    expect(xml).not.toContain('lastBuildDate');
    expect(xml).not.toContain('pubDate');
  });

  it('refuses a category Apple does not list, naming show.category', () => {
    expect(() => renderFeed(store(), testConfig({ category: ['News', 'Gossip'] }))).toThrow(ConfigError);
    expect(() => renderFeed(store(), testConfig({ category: ['Newz'] }))).toThrow(/show\.category/);
  });

  it('accepts a category without subcategory', () => {
    const channel = parse(renderFeed(store(), testConfig({ category: ['Technology'] }))).rss.channel;
    expect(channel['itunes:category']).toEqual({ '@_text': 'Technology' });
  });

  it('writes itunes:explicit true for an explicit show', () => {
    const xml = renderFeed(store(record()), testConfig({ explicit: true }));
    expect(parse(xml).rss.channel['itunes:explicit']).toBe('true');
  });

  it('uses the episode image over the show image', () => {
    const xml = renderFeed(store(record({ image: 'https://img.example.com/ep.png' })), testConfig());
    expect(parse(xml).rss.channel.item[0]['itunes:image']['@_href']).toBe('https://img.example.com/ep.png');
  });
});
