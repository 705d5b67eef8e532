import { spawn } from 'node:child_process';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLocalFiles } from '../src/publish/upload/local.js';
import { BIN, makeWorkspace, runCli } from './helpers/cli.js';
import { startCli } from './helpers/processes.js';
import {
  BASE_URL,
  checkFeedUrls,
  publishSection,
  readObject,
  S3_ENV,
  startProxy,
  startS3,
  type LocalS3,
  type ProxyFaults,
} from './helpers/s3.js';

const edition = (title: string, day: string, body: string) => `---
title: ${title}
date: 2026-11-${day}
---
# ${title}
${body}

The council meets on Tuesday.
`;

let s3: LocalS3;
const cleanup: string[] = [];

beforeAll(async () => {
  s3 = await startS3(['flaky', 'killed', 'between', 'writers', 'stopped']);
});
afterAll(async () => {
  await s3?.close();
  for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
});

async function workspace(bucket: string, endpoint: string) {
  const work = await makeWorkspace({ show: { baseUrl: BASE_URL }, publish: publishSection(endpoint, `s3://${bucket}/daily/`) });
  cleanup.push(work.dir);
  return work;
}

type Work = Awaited<ReturnType<typeof workspace>>;

/** A copy of the workspace's config whose endpoint is `endpoint` (a proxy in front of s3rver). */
async function configVia(work: Work, endpoint: string): Promise<string> {
  const json = JSON.parse(await readFile(work.config, 'utf8'));
  json.publish.endpoint = endpoint;
  const config = path.join(work.dir, 'via.config.json');
  await writeFile(config, JSON.stringify(json));
  return config;
}

/** Runs the CLI in a workspace, with its own config or one that goes through `endpoint`. */
async function run(work: Work, args: string[], endpoint?: string) {
  const config = endpoint ? await configVia(work, endpoint) : work.config;
  return runCli([...args, '-c', config, '-o', work.out], { cwd: work.dir, env: S3_ENV });
}

/** Every GUID of the bucket's episodes.json is an item of its feed.xml, and the feed has no other. */
async function expectFeedMatchesStore(bucket: string): Promise<void> {
  const feed = (await readObject(s3.client, bucket, 'daily/feed.xml')) ?? '';
  const store = JSON.parse((await readObject(s3.client, bucket, 'daily/episodes.json')) ?? '{}') as { episodes: { guid: string }[] };
  const guids = [...feed.matchAll(/<guid[^>]*>([^<]*)<\/guid>/g)].map((match) => match[1]);
  expect(guids.sort()).toEqual(store.episodes.map((episode) => episode.guid).sort());
}

describe('publish through failures', () => {
  it('survives 30% of uploads failing (503, 500, connection reset), and leaves every object complete', async () => {
    const proxy = await startProxy(s3.port, { failThirtyPercent: true });
    try {
      const work = await workspace('flaky', proxy.endpoint);
      const file = path.join(work.dir, '2026-11-20-flaky.md');
      await writeFile(file, edition('Flaky', '20', 'The bridge reopens.'));
      const result = await runCli(['build', file, '--publish', '--json', '-c', work.config, '-o', work.out], {
        cwd: work.dir,
        env: S3_ENV,
      });
      expect(result.code, result.stderr).toBe(0);
      const published = JSON.parse(result.stdout).publish;
      expect(published.uploaded.at(-1)).toBe('feed.xml');
      expect(proxy.failed).toBeGreaterThanOrEqual(3);
      expect(proxy.failed / proxy.puts).toBeGreaterThan(0.2);
      const local = await listLocalFiles(work.out);
      expect(published.uploaded.sort()).toEqual(local.map((f) => f.key).sort());
      for (const entry of local) {
        const head = await s3.client.send(new HeadObjectCommand({ Bucket: 'flaky', Key: `daily/${entry.key}` }));
        expect({ key: entry.key, bytes: head.ContentLength, sha256: head.Metadata?.sha256 }).toEqual({
          key: entry.key,
          bytes: entry.bytes,
          sha256: entry.sha256,
        });
      }
      const again = await runCli(['publish', '--json', '-c', work.config, '-o', work.out], { cwd: work.dir, env: S3_ENV });
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout).uploaded).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('a publish killed mid-upload leaves the previous feed and all it names in place; the rerun finishes', async () => {
    const work = await workspace('killed', s3.endpoint);
    const first = path.join(work.dir, '2026-11-21-first.md');
    await writeFile(first, edition('First', '21', 'The market opens early.'));
    const published = await runCli(['build', first, '--publish', '--json', '-c', work.config, '-o', work.out], {
      cwd: work.dir,
      env: S3_ENV,
    });
    expect(published.code, published.stderr).toBe(0);
    const before = await checkFeedUrls(s3.client, 'killed', 'daily/');
    const storeBefore = await readObject(s3.client, 'killed', 'daily/episodes.json');
    expect(before.missing).toEqual([]);
    expect(before.urls.length).toBeGreaterThanOrEqual(4);

    // A correction to the first edition and a new one, built, then published through a slow link.
    await writeFile(first, edition('First', '21', 'The market opens late.'));
    const second = path.join(work.dir, '2026-11-22-second.md');
    await writeFile(second, edition('Second', '22', 'Snow is forecast.'));
    const built = await runCli(['build', first, second, '--json', '-c', work.config, '-o', work.out], { cwd: work.dir, env: S3_ENV });
    expect(built.code, built.stderr).toBe(0);

    const proxy = await startProxy(s3.port, { slowPutBytesPerSecond: 64 * 1024 });
    const slowConfig = path.join(work.dir, 'slow.config.json');
    const config = JSON.parse(await readObjectText(work.config));
    config.publish.endpoint = proxy.endpoint;
    await writeFile(slowConfig, JSON.stringify(config));
    try {
      const child = spawn(process.execPath, [BIN, 'publish', '--json', '-c', slowConfig, '-o', work.out], {
        cwd: work.dir,
        env: { ...process.env, ...S3_ENV },
        stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await proxy.firstPut;
      // Let a few uploads get under way, then kill the process without warning.
      await new Promise((resolve) => setTimeout(resolve, 400));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(proxy.puts).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
    const after = await checkFeedUrls(s3.client, 'killed', 'daily/');
    expect(after.feed).toBe(before.feed);
    expect(await readObject(s3.client, 'killed', 'daily/episodes.json')).toBe(storeBefore);
    expect(after.missing).toEqual([]);

    const rerun = await runCli(['publish', '--json', '-c', work.config, '-o', work.out], { cwd: work.dir, env: S3_ENV });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).uploaded.at(-1)).toBe('feed.xml');
    const done = await checkFeedUrls(s3.client, 'killed', 'daily/');
    expect(done.missing).toEqual([]);
    expect(done.feed).toContain('<title><![CDATA[Second]]></title>');
    expect(await readObject(s3.client, 'killed', 'daily/2026-11-21-first/index.html')).toContain('opens late');
  });

  it('a publish killed after episodes.json went up, before feed.xml, leaves the previous feed working; the rerun finishes', async () => {
    const work = await workspace('between', s3.endpoint);
    const first = path.join(work.dir, '2026-11-21-first.md');
    await writeFile(first, edition('First', '21', 'The market opens early.'));
    const published = await run(work, ['build', first, '--publish', '--json']);
    expect(published.code, published.stderr).toBe(0);
    const before = await checkFeedUrls(s3.client, 'between', 'daily/');
    expect(before.missing).toEqual([]);
    const second = path.join(work.dir, '2026-11-22-second.md');
    await writeFile(second, edition('Second', '22', 'Snow is forecast.'));
    expect((await run(work, ['build', second, '--json'])).code).toBe(0);

    // An object output/ does not have: --delete may remove it only once the new feed is up.
    await s3.client.send(new PutObjectCommand({ Bucket: 'between', Key: 'daily/old-note.txt', Body: 'left over' }));

    let child: ReturnType<typeof spawn> | undefined;
    // The moment feed.xml is sent, everything before it is up: kill the process right there.
    const proxy = await startProxy(s3.port, {
      onPut: (key) => {
        if (key !== 'daily/feed.xml') return undefined;
        child?.kill('SIGKILL');
        return 'drop';
      },
    });
    try {
      child = spawn(process.execPath, [BIN, 'publish', '--delete', '--json', '-c', await configVia(work, proxy.endpoint), '-o', work.out], {
        cwd: work.dir,
        env: { ...process.env, ...S3_ENV },
        stdio: 'ignore',
      });
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child!.on('exit', (_code, exit) => resolve(exit)));
      expect(signal).toBe('SIGKILL');
      expect(proxy.objectPuts.map((put) => put.key).slice(-2)).toEqual(['daily/episodes.json', 'daily/feed.xml']);
    } finally {
      await proxy.close();
    }
    // The new store is up, naming the second episode; the feed listeners read is the old one, whole.
    expect(await readObject(s3.client, 'between', 'daily/episodes.json')).toBe(
      await readFile(path.join(work.out, 'episodes.json'), 'utf8'),
    );
    const after = await checkFeedUrls(s3.client, 'between', 'daily/');
    expect(after.feed).toBe(before.feed);
    expect(after.feed).not.toContain('Second');
    expect(after.missing).toEqual([]);
    expect(await readObject(s3.client, 'between', 'daily/old-note.txt')).toBe('left over');

    const rerun = await run(work, ['publish', '--delete', '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ uploaded: ['feed.xml'], deleted: ['old-note.txt'] });
    const done = await checkFeedUrls(s3.client, 'between', 'daily/');
    expect(done.missing).toEqual([]);
    expect(done.feed).toContain('<title><![CDATA[Second]]></title>');
    await expectFeedMatchesStore('between');
  });
});

describe('publish stopped by Ctrl-C', () => {
  it('starts no upload after the signal, lets the ones under way finish, keeps the previous feed and exits 130', async () => {
    const work = await workspace('stopped', s3.endpoint);
    const first = path.join(work.dir, '2026-11-24-first.md');
    await writeFile(first, edition('First', '24', 'The ferry runs again.'));
    const published = await run(work, ['build', first, '--publish', '--json']);
    expect(published.code, published.stderr).toBe(0);
    const before = await checkFeedUrls(s3.client, 'stopped', 'daily/');
    const second = path.join(work.dir, '2026-11-25-second.md');
    await writeFile(second, edition('Second', '25', 'The square is repaved.'));
    const built = await run(work, ['build', second, '--json']);
    expect(built.code, built.stderr).toBe(0);

    // Slow enough that uploads are under way when the signal comes, quick enough that they finish soon after.
    const proxy = await startProxy(s3.port, { slowPutBytesPerSecond: 256 * 1024 });
    try {
      const cli = startCli(['publish', '--json', '-c', await configVia(work, proxy.endpoint), '-o', work.out], {
        cwd: work.dir,
        env: S3_ENV,
      });
      await proxy.firstPut;
      const sent = Date.now();
      cli.child.kill('SIGINT');
      const exit = await cli.exit;
      expect(exit.code, cli.stderr()).toBe(130);
      expect(exit.at - sent).toBeLessThan(10_000);
      expect(cli.stdout()).toBe('');
      expect(cli.stderr()).toMatch(
        /^interrupted: stopped the publish before feed\.xml \(\d+ files? uploaded\); the bucket still serves its previous feed\. Run `audio-edition publish` to finish\.\n$/,
      );
      // The media uploads under way finished; no later stage started: no page, no store, no feed.
      const keys = proxy.objectPuts.map((put) => put.key);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => /(\.html|manifest\.json|episodes\.json|feed\.xml)$/.test(key))).toEqual([]);
    } finally {
      await proxy.close();
    }
    const after = await checkFeedUrls(s3.client, 'stopped', 'daily/');
    expect(after.feed).toBe(before.feed);
    expect(after.missing).toEqual([]);

    const rerun = await run(work, ['publish', '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).uploaded.at(-1)).toBe('feed.xml');
    expect((await checkFeedUrls(s3.client, 'stopped', 'daily/')).feed).toContain('<title><![CDATA[Second]]></title>');
  });
});

describe('one writer per feed', () => {
  it('refuses to overwrite a feed.xml that changed in the bucket since publish read it', async () => {
    const work = await workspace('killed', s3.endpoint);
    const config = JSON.parse(await readObjectText(work.config));
    config.publish.target = 's3://killed/other/';
    const proxy = await startProxy(s3.port, { slowPutBytesPerSecond: 64 * 1024 });
    try {
      config.publish.endpoint = s3.endpoint;
      await writeFile(work.config, JSON.stringify(config));
      const file = path.join(work.dir, '2026-11-23-third.md');
      await writeFile(file, edition('Third', '23', 'The library extends its hours.'));
      expect((await runCli(['build', file, '--publish', '-c', work.config, '-o', work.out], { cwd: work.dir, env: S3_ENV })).code).toBe(0);
      await writeFile(file, edition('Third', '23', 'The library shortens its hours.'));
      expect((await runCli(['build', file, '-c', work.config, '-o', work.out], { cwd: work.dir, env: S3_ENV })).code).toBe(0);
      config.publish.endpoint = proxy.endpoint;
      const slowConfig = path.join(work.dir, 'slow.config.json');
      await writeFile(slowConfig, JSON.stringify(config));
      const running = runCli(['publish', '--json', '-c', slowConfig, '-o', work.out], { cwd: work.dir, env: S3_ENV });
      await proxy.firstPut;
      // Another writer publishes its feed meanwhile. s3rver ignores If-Match, so what refuses here is
      // the ETag comparison made before the write, as on a service without conditional writes.
      await s3.client.send(new PutObjectCommand({ Bucket: 'killed', Key: 'other/feed.xml', Body: '<rss>other writer</rss>' }));
      const result = await running;
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^error: s3:\/\/killed\/other\/feed\.xml changed in the bucket .*not overwritten.*publish again/),
      ]);
      expect(await readObject(s3.client, 'killed', 'other/feed.xml')).toBe('<rss>other writer</rss>');
    } finally {
      await proxy.close();
    }
  });

  describe('conditional writes of episodes.json and feed.xml', () => {
    let work: Work;
    let day = 10;
    /** Builds a new edition and publishes it through a proxy with these faults. */
    async function publishVia(faults: ProxyFaults) {
      const file = path.join(work.dir, `2026-11-${day}-day.md`);
      await writeFile(file, edition(`Day ${day}`, String(day), `Item number ${day++}.`));
      expect((await run(work, ['build', file, '--json'])).code).toBe(0);
      const proxy = await startProxy(s3.port, faults);
      try {
        return { proxy, result: await run(work, ['publish', '--json'], proxy.endpoint) };
      } finally {
        await proxy.close();
      }
    }
    const conditions = (proxy: { objectPuts: { key: string; headers: Record<string, unknown> }[] }) =>
      proxy.objectPuts.map(({ key, headers }) => [key, headers['if-match'] ?? null, headers['if-none-match'] ?? null]);
    const etagOf = async (key: string) => (await s3.client.send(new HeadObjectCommand({ Bucket: 'writers', Key: key }))).ETag;

    beforeAll(async () => {
      work = await workspace('writers', s3.endpoint);
    });

    it('sends them If-None-Match: * when the bucket has none, then If-Match with the ETag read; nothing else is conditional', async () => {
      // s3rver ignores both headers: the proxy records them.
      const first = await publishVia({});
      expect(first.result.code, first.result.stderr).toBe(0);
      const sent = conditions(first.proxy);
      expect(sent.filter(([key]) => key === 'daily/episodes.json' || key === 'daily/feed.xml')).toEqual([
        ['daily/episodes.json', null, '*'],
        ['daily/feed.xml', null, '*'],
      ]);
      expect(
        sent.filter(([key]) => key !== 'daily/episodes.json' && key !== 'daily/feed.xml').every(([, a, b]) => a === null && b === null),
      ).toBe(true);
      const read = { store: await etagOf('daily/episodes.json'), feed: await etagOf('daily/feed.xml') };
      const second = await publishVia({});
      expect(second.result.code, second.result.stderr).toBe(0);
      expect(conditions(second.proxy).slice(-2)).toEqual([
        ['daily/episodes.json', read.store, null],
        ['daily/feed.xml', read.feed, null],
      ]);
    });

    it('a writer slipping in between the ETag check and the write: the 412 gives the same refusal', async () => {
      const { proxy, result } = await publishVia({
        conditionalWrites: true,
        onPut: async (key) => {
          if (key === 'daily/feed.xml') {
            await s3.client.send(new PutObjectCommand({ Bucket: 'writers', Key: key, Body: '<rss>other writer</rss>' }));
          }
          return undefined;
        },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^error: s3:\/\/writers\/daily\/feed\.xml changed in the bucket since this publish read it; it was not overwritten\..*one writer per feed.*publish again/,
        ),
      ]);
      expect(conditions(proxy).filter(([key]) => key === 'daily/feed.xml')).toHaveLength(1);
      expect(await readObject(s3.client, 'writers', 'daily/feed.xml')).toBe('<rss>other writer</rss>');
    });

    it('a retried write whose first answer was lost meets its own bytes, and is no conflict', async () => {
      let feedPuts = 0;
      const { proxy, result } = await publishVia({
        conditionalWrites: true,
        onPut: (key) => (key === 'daily/feed.xml' && ++feedPuts === 1 ? 'lose-answer' : undefined),
      });
      expect(result.code, result.stderr).toBe(0);
      // The retry carried the old condition, which no longer held once the first try had landed.
      expect(conditions(proxy).filter(([key]) => key === 'daily/feed.xml').length).toBeGreaterThanOrEqual(2);
      expect(await readObject(s3.client, 'writers', 'daily/feed.xml')).toBe(await readFile(path.join(work.out, 'feed.xml'), 'utf8'));
      await expectFeedMatchesStore('writers');
    });

    it('a service that does not implement conditional writes (501) gets plain ones, the ETag check standing in', async () => {
      const { proxy, result } = await publishVia({
        onPut: (_key, headers) => (headers['if-match'] || headers['if-none-match'] ? { status: 501, code: 'NotImplemented' } : undefined),
      });
      expect(result.code, result.stderr).toBe(0);
      expect(
        conditions(proxy)
          .filter(([key]) => key === 'daily/feed.xml')
          .at(-1),
      ).toEqual(['daily/feed.xml', null, null]);
      expect(await readObject(s3.client, 'writers', 'daily/feed.xml')).toBe(await readFile(path.join(work.out, 'feed.xml'), 'utf8'));
      await expectFeedMatchesStore('writers');
    });
  });
});

async function readObjectText(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(file, 'utf8');
}
