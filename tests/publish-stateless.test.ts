import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from './helpers/cli.js';
import { BASE_URL, checkFeedUrls, listKeys, publishSection, readObject, S3_ENV, startS3, type LocalS3 } from './helpers/s3.js';

const edition = (title: string, day: string, body: string) => `---
title: ${title}
date: 2026-11-${day}
---
# ${title}
${body}
`;

let s3: LocalS3;
const cleanup: string[] = [];

beforeAll(async () => {
  s3 = await startS3(['news-audio']);
});
afterAll(async () => {
  await s3?.close();
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

/** A fresh machine: its own folder, empty output/ and no local clips; the cache is in the bucket. */
async function freshMorning(name: string, text: string) {
  const work = await makeWorkspace({
    show: { baseUrl: BASE_URL },
    speech: { cacheDir: 's3://news-audio/clip-cache/' },
    publish: publishSection(s3.endpoint, 's3://news-audio/daily/'),
  });
  cleanup.push(work.dir);
  const file = path.join(work.dir, `${name}.md`);
  await writeFile(file, text);
  const result = await runCli(['build', file, '--publish', '--json', '-c', work.config, '-o', work.out], { cwd: work.dir, env: S3_ENV });
  expect(result.code, result.stderr).toBe(0);
  return { work, json: JSON.parse(result.stdout) };
}

const guids = (feed: string) => [...feed.matchAll(/<guid[^>]*>(?:<!\[CDATA\[)?([^<\]]+)/g)].map((match) => match[1]);

describe('morning jobs on fresh machines against one bucket', () => {
  it('keeps earlier episodes with their GUIDs, and reuses clips from an s3:// cache', async () => {
    const monday = await freshMorning('2026-11-23-monday', edition('Monday', '23', 'The tram line opens.'));
    expect(monday.json.episodes[0].clips.synthesized).toBeGreaterThan(0);
    expect(monday.json.publish.uploaded.at(-1)).toBe('feed.xml');
    expect((await listKeys(s3.client, 'news-audio', 'clip-cache/')).length).toBeGreaterThan(0);

    // The bucket's store is the record: an episode keeps the GUID it was first published with.
    const store = JSON.parse((await readObject(s3.client, 'news-audio', 'daily/episodes.json'))!);
    expect(store.episodes).toHaveLength(1);
    store.episodes[0].guid = 'urn:audio-edition:first-monday';
    await s3.client.send(new PutObjectCommand({ Bucket: 'news-audio', Key: 'daily/episodes.json', Body: JSON.stringify(store) }));

    const tuesday = await freshMorning('2026-11-24-tuesday', edition('Tuesday', '24', 'The tram line closes.'));
    expect(tuesday.json.episodes[0].clips.synthesized).toBeGreaterThan(0);
    const feed = (await readObject(s3.client, 'news-audio', 'daily/feed.xml'))!;
    expect(feed).toContain('<title><![CDATA[Tuesday]]></title>');
    expect(feed).toContain('<title><![CDATA[Monday]]></title>');
    expect(guids(feed)).toHaveLength(2);
    expect(guids(feed)).toContain('urn:audio-edition:first-monday');
    expect(feed).toContain(`${BASE_URL}2026-11-23-monday/episode.mp3`);
    expect((await checkFeedUrls(s3.client, 'news-audio', 'daily/')).missing).toEqual([]);
    // The runner's own output/ now mirrors what is published.
    expect(await readFile(path.join(tuesday.work.out, 'feed.xml'), 'utf8')).toBe(feed);
    // Monday's files were never in Tuesday's output/: --delete must leave them.
    const deleted = await runCli(['publish', '--delete', '--json', '-c', tuesday.work.config, '-o', tuesday.work.out], {
      cwd: tuesday.work.dir,
      env: S3_ENV,
    });
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ uploaded: [], deleted: [] });

    // A dry run on a fresh machine plans with the bucket's store but writes nothing to output/.
    const wednesday = await makeWorkspace({
      show: { baseUrl: BASE_URL },
      speech: { cacheDir: 's3://news-audio/clip-cache/' },
      publish: publishSection(s3.endpoint, 's3://news-audio/daily/'),
    });
    cleanup.push(wednesday.dir);
    const file = path.join(wednesday.dir, '2026-11-25-wednesday.md');
    await writeFile(file, edition('Wednesday', '25', 'The tram line reopens.'));
    const run = (args: string[]) => runCli([...args, '-c', wednesday.config, '-o', wednesday.out], { cwd: wednesday.dir, env: S3_ENV });
    expect((await run(['build', file, '--json'])).code).toBe(0);
    const localFeed = await readFile(path.join(wednesday.out, 'feed.xml'), 'utf8');
    const localStore = await readFile(path.join(wednesday.out, 'episodes.json'), 'utf8');
    const dry = await run(['publish', '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, deleted: [] });
    expect(JSON.parse(dry.stdout).uploaded.slice(-2)).toEqual(['episodes.json', 'feed.xml']);
    expect(await readFile(path.join(wednesday.out, 'feed.xml'), 'utf8')).toBe(localFeed);
    expect(await readFile(path.join(wednesday.out, 'episodes.json'), 'utf8')).toBe(localStore);
    expect(await readObject(s3.client, 'news-audio', 'daily/feed.xml')).toBe(feed);

    // A rebuild of Monday's unchanged edition on a third fresh machine synthesizes nothing.
    const again = await freshMorning('2026-11-23-monday', edition('Monday', '23', 'The tram line opens.'));
    expect(again.json.episodes[0].clips).toEqual({
      synthesized: 0,
      cached: monday.json.episodes[0].clips.synthesized + monday.json.episodes[0].clips.cached,
    });
    const after = (await readObject(s3.client, 'news-audio', 'daily/feed.xml'))!;
    expect(guids(after).sort()).toEqual(guids(feed).sort());
  });
});
