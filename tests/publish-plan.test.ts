import { describe, expect, it } from 'vitest';
import type { EpisodeRecord, Store } from '../src/publish/store.js';
import { headersFor } from '../src/publish/upload/headers.js';
import type { LocalFile } from '../src/publish/upload/local.js';
import { mergeStores } from '../src/publish/upload/merge-store.js';
import { planUpload } from '../src/publish/upload/plan.js';
import { normalizeETag, type RemoteObject } from '../src/publish/upload/remote.js';
import { isNotImplemented, isPreconditionFailed } from '../src/publish/upload/errors.js';
import { isTransient } from '../src/publish/upload/retry.js';
import { parseS3Url } from '../src/publish/upload/target.js';

const config = { cacheControl: { short: 60, long: 86400 } };
const file = (key: string, bytes = 10, sha256 = `hash-of-${key}`): LocalFile => ({ key, file: `/out/${key}`, bytes, sha256 });
const remoteOf = (local: LocalFile, change: Partial<RemoteObject> = {}): RemoteObject => ({
  key: local.key,
  bytes: local.bytes,
  etag: '"e"',
  sha256: local.sha256,
  ...headersToRemote(local.key),
  ...change,
});
const headersToRemote = (key: string) => {
  const headers = headersFor(key, config);
  return { contentType: headers.contentType, cacheControl: headers.cacheControl };
};

describe('the upload plan', () => {
  const local = [
    file('feed.xml'),
    file('episodes.json'),
    file('player.js'),
    file('d/index.html'),
    file('d/manifest.json'),
    file('d/transcript.vtt'),
    file('d/episode.mp3', 5000),
    file('d/a1.mp3', 2000),
  ];

  it('orders audio and episode files, then manifests and pages, then the store, then the feed', () => {
    const plan = planUpload(local, new Map(), { config, delete: false, keep: () => false });
    expect(plan.uploads.map((upload) => upload.key)).toEqual([
      'd/episode.mp3',
      'd/a1.mp3',
      'd/transcript.vtt',
      'player.js',
      'd/index.html',
      'd/manifest.json',
      'episodes.json',
      'feed.xml',
    ]);
  });

  it('skips objects with the same size, hash and headers; re-sends one whose headers or content differ', () => {
    const remote = new Map(local.map((entry) => [entry.key, remoteOf(entry)]));
    expect(planUpload(local, remote, { config, delete: false, keep: () => false }).uploads).toEqual([]);
    remote.set('d/episode.mp3', remoteOf(local[6]!, { sha256: 'other' }));
    remote.set('player.js', remoteOf(local[2]!, { cacheControl: 'no-cache' }));
    remote.set('feed.xml', remoteOf(local[0]!, { sha256: undefined }));
    const plan = planUpload(local, remote, { config, delete: false, keep: () => false });
    expect(plan.uploads.map((upload) => upload.key)).toEqual(['d/episode.mp3', 'player.js', 'feed.xml']);
    expect(plan.unchanged).toHaveLength(5);
  });

  it('deletes only with --delete, and never what the keep rule protects', () => {
    const remote = new Map(local.map((entry) => [entry.key, remoteOf(entry)]));
    remote.set('old.txt', { key: 'old.txt', bytes: 1, etag: undefined });
    remote.set('earlier/episode.mp3', { key: 'earlier/episode.mp3', bytes: 1, etag: undefined });
    const keep = (key: string) => key.startsWith('earlier/');
    expect(planUpload(local, remote, { config, delete: false, keep }).deletes).toEqual([]);
    expect(planUpload(local, remote, { config, delete: true, keep }).deletes).toEqual(['old.txt']);
  });
});

describe('headers', () => {
  it('gives what changes each morning a short Cache-Control and the rest a long one', () => {
    expect(headersFor('feed.xml', config)).toEqual({
      contentType: 'application/rss+xml; charset=utf-8',
      cacheControl: 'public, max-age=60',
    });
    expect(headersFor('d/index.html', config).cacheControl).toBe('public, max-age=60');
    expect(headersFor('d/manifest.json', config).cacheControl).toBe('public, max-age=60');
    expect(headersFor('d/chapters.json', config)).toEqual({
      contentType: 'application/json; charset=utf-8',
      cacheControl: 'public, max-age=86400',
    });
    expect(headersFor('d/transcript.json', config).cacheControl).toBe('public, max-age=86400');
    expect(headersFor('d/a2.mp3', config)).toEqual({ contentType: 'audio/mpeg', cacheControl: 'public, max-age=86400' });
  });
});

describe('merging the bucket’s store', () => {
  const record = (slug: string, guid: string, createdAt: string, date = '2026-11-20'): EpisodeRecord => ({
    slug,
    guid,
    title: slug,
    date,
    stories: [],
    audio: { file: `${slug}/episode.mp3`, bytes: 1, durationSeconds: 1, type: 'audio/mpeg' },
    createdAt,
    updatedAt: createdAt,
  });
  it('keeps episodes only the bucket knows, and the bucket’s GUID and first build time for the rest', () => {
    const local: Store = { version: 1, episodes: [record('b', 'local-guid', '2026-11-21T06:00:00Z', '2026-11-21')] };
    const remote: Store = {
      version: 1,
      episodes: [record('a', 'guid-a', '2026-11-20T06:00:00Z'), record('b', 'guid-b', '2026-11-21T05:00:00Z', '2026-11-21')],
    };
    const merged = mergeStores(local, remote);
    expect(merged.episodes.map((episode) => [episode.slug, episode.guid, episode.createdAt])).toEqual([
      ['b', 'guid-b', '2026-11-21T05:00:00Z'],
      ['a', 'guid-a', '2026-11-20T06:00:00Z'],
    ]);
  });
});

describe('targets and retries', () => {
  it('parses s3:// URLs into a bucket and a key prefix', () => {
    expect(parseS3Url('s3://news-audio')).toEqual({ bucket: 'news-audio', prefix: '', url: 's3://news-audio/' });
    expect(parseS3Url('s3://news-audio/daily')).toEqual({ bucket: 'news-audio', prefix: 'daily/', url: 's3://news-audio/daily/' });
    expect(parseS3Url('s3://news-audio//a/b//')).toMatchObject({ prefix: 'a/b/' });
  });
  it('retries 5xx, throttling and dropped connections, not refusals', () => {
    expect(isTransient({ $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isTransient({ name: 'SlowDown' })).toBe(true);
    expect(isTransient({ code: 'ECONNRESET' })).toBe(true);
    expect(isTransient({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false);
    expect(isTransient({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } })).toBe(false);
    expect(isTransient({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } })).toBe(false);
    // A service that does not implement conditional writes says so every time.
    expect(isTransient({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } })).toBe(false);
  });
  it('tells a refused conditional write and an unimplemented one apart from other failures', () => {
    expect(isPreconditionFailed({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } })).toBe(true);
    expect(isPreconditionFailed({ name: 'ConditionalRequestConflict', $metadata: { httpStatusCode: 409 } })).toBe(true);
    expect(isPreconditionFailed({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false);
    expect(isNotImplemented({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } })).toBe(true);
    expect(isNotImplemented({ name: 'InternalError', $metadata: { httpStatusCode: 500 } })).toBe(false);
  });
  it('compares ETags without quotes or weak markers, however a listing or a HEAD wrote them', () => {
    const tag = '9b2cf535f27731c974343645a3985328';
    for (const written of [tag, `"${tag}"`, `W/"${tag}"`, ` "${tag}" `]) expect(normalizeETag(written)).toBe(tag);
    expect(normalizeETag('"abc-2"')).toBe('abc-2');
    expect(normalizeETag(undefined)).toBeUndefined();
    expect(normalizeETag('')).toBeUndefined();
  });
});
