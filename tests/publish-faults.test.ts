import { spawn } from 'node:child_process';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLocalFiles } from '../src/publish/upload/local.js';
import { BIN, makeWorkspace, runCli } from './helpers/cli.js';
import { BASE_URL, checkFeedUrls, publishSection, readObject, S3_ENV, startProxy, startS3, type LocalS3 } from './helpers/s3.js';

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
  s3 = await startS3(['flaky', 'killed']);
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
      // Another writer publishes its feed meanwhile.
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
});

async function readObjectText(file: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return readFile(file, 'utf8');
}
