import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AudioEditionError } from '../src/errors.js';
import type { Manifest } from '../src/publish/manifest.js';
import {
  episodeGuid,
  episodeRecordFromManifest,
  findEpisodeFiles,
  podcastGuid,
  readStore,
  type EpisodeRecord,
} from '../src/publish/store.js';
import { upsertEpisode } from './helpers/store.js';
import { makeOutDir } from './feed-fixtures.js';

/** The episode store: history is kept, GUIDs never change, damage is reported and left alone. */

const FEED = 'https://cdn.example.com/audio/feed.xml';

function manifest(slug: string, title = 'Edition'): Manifest {
  return {
    version: 1,
    slug,
    title,
    date: slug.slice(0, 10),
    description: 'Front matter description.',
    audio: { url: 'episode.mp3', durationSeconds: 171.4, bytes: 2057216, type: 'audio/mpeg' },
    articles: [
      { id: 'a1', title: 'First', start: 0, end: 80, paragraphs: [{ id: 'a1-p1', text: 'Opening.', start: 2, end: 9 }] },
      { id: 'a2', title: 'Second', start: 80, end: 171.4, paragraphs: [] },
    ],
  };
}

function recordFor(slug: string, title?: string, now = new Date('2026-11-25T05:00:00Z')): EpisodeRecord {
  return episodeRecordFromManifest(manifest(slug, title), {}, { feedUrl: FEED, now });
}

describe('podcast:guid', () => {
  it('matches the Podcasting 2.0 spec example', () => {
    expect(podcastGuid('https://mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
    expect(podcastGuid('http://mp3s.nashownotes.com/pc20rss.xml/')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
  });

  it('gives each edition of a show its own stable GUID', () => {
    expect(episodeGuid('2026-11-25-a', FEED)).toBe(episodeGuid('2026-11-25-a', FEED));
    expect(episodeGuid('2026-11-25-a', FEED)).not.toBe(episodeGuid('2026-11-25-b', FEED));
    expect(episodeGuid('2026-11-25-a', FEED)).not.toBe(episodeGuid('2026-11-25-a', 'https://other.example.com/feed.xml'));
  });
});

describe('episodeRecordFromManifest', () => {
  it('keeps what the feed needs, with paths relative to the output folder', () => {
    const record = episodeRecordFromManifest(
      manifest('2026-11-25-a'),
      { chapters: 'chapters.json', vtt: 'transcript.vtt', page: 'index.html' },
      { feedUrl: FEED, now: new Date('2026-11-25T05:00:00Z') },
    );
    expect(record).toEqual({
      slug: '2026-11-25-a',
      guid: episodeGuid('2026-11-25-a', FEED),
      title: 'Edition',
      date: '2026-11-25',
      description: 'Front matter description.',
      stories: [
        { title: 'First', summary: 'Opening.' },
        { title: 'Second', summary: '' },
      ],
      audio: { file: '2026-11-25-a/episode.mp3', bytes: 2057216, durationSeconds: 171.4, type: 'audio/mpeg' },
      chapters: '2026-11-25-a/chapters.json',
      transcripts: { vtt: '2026-11-25-a/transcript.vtt' },
      page: '2026-11-25-a/index.html',
      createdAt: '2026-11-25T05:00:00.000Z',
      updatedAt: '2026-11-25T05:00:00.000Z',
    });
  });

  it('finds only the sidecar files that exist', async () => {
    const outDir = await makeOutDir();
    await mkdir(path.join(outDir, 'x'));
    await writeFile(path.join(outDir, 'x', 'transcript.srt'), '');
    await mkdir(path.join(outDir, 'x', 'chapters.json'));
    expect(await findEpisodeFiles(outDir, 'x')).toEqual({ srt: 'transcript.srt' });
  });
});

describe('upsertEpisode', () => {
  it('starts from an empty store', async () => {
    expect(await readStore(await makeOutDir())).toEqual({ version: 1, episodes: [] });
  });

  it('adds new editions newest first and replaces a rebuilt one, keeping GUID and first build time', async () => {
    const outDir = await makeOutDir();
    await upsertEpisode(outDir, recordFor('2026-11-23-a'));
    await upsertEpisode(outDir, recordFor('2026-11-25-c'));
    await upsertEpisode(outDir, recordFor('2026-11-24-b'));
    const before = await readStore(outDir);
    expect(before.episodes.map((episode) => episode.slug)).toEqual(['2026-11-25-c', '2026-11-24-b', '2026-11-23-a']);

    const rebuilt = { ...recordFor('2026-11-24-b', 'Corrected', new Date('2026-11-26T09:00:00Z')), guid: 'something-else' };
    const after = await upsertEpisode(outDir, rebuilt);
    expect(after).toEqual(await readStore(outDir));
    expect(after.episodes).toHaveLength(3);
    const record = after.episodes[1]!;
    expect(record.title).toBe('Corrected');
    expect(record.guid).toBe(before.episodes[1]!.guid);
    expect(record.createdAt).toBe('2026-11-25T05:00:00.000Z');
    expect(record.updatedAt).toBe('2026-11-26T09:00:00.000Z');
  });

  it('merges with what is on disk at write time', async () => {
    const outDir = await makeOutDir();
    await upsertEpisode(outDir, recordFor('2026-11-23-a'));
    // Another build wrote its record after we started.
    const file = path.join(outDir, 'episodes.json');
    const store = JSON.parse(await readFile(file, 'utf8'));
    store.episodes.push(recordFor('2026-11-24-b'));
    await writeFile(file, JSON.stringify(store));
    const merged = await upsertEpisode(outDir, recordFor('2026-11-25-c'));
    expect(merged.episodes.map((episode) => episode.slug)).toEqual(['2026-11-25-c', '2026-11-24-b', '2026-11-23-a']);
  });

  it('reports a damaged store and leaves it as it was', async () => {
    for (const damage of ['{"version":1,"episodes":[', '{"version":2,"episodes":[]}', '{"version":1,"episodes":[{"slug":"x"}]}']) {
      const outDir = await makeOutDir();
      const file = path.join(outDir, 'episodes.json');
      await writeFile(file, damage);
      const error = await upsertEpisode(outDir, recordFor('2026-11-25-c')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AudioEditionError);
      expect((error as AudioEditionError).code).toBe('E_STORE_INVALID');
      expect((error as AudioEditionError).toLine()).toContain(file);
      expect(await readFile(file, 'utf8')).toBe(damage);
    }
  });

  it('rejects an invalid record before touching the store', async () => {
    const outDir = await makeOutDir();
    await expect(upsertEpisode(outDir, { ...recordFor('2026-11-25-c'), date: '25/11/2026' })).rejects.toThrow();
    expect(await readStore(outDir)).toEqual({ version: 1, episodes: [] });
  });
});
