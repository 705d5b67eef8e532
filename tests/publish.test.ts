import { GetBucketCorsCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from './helpers/cli.js';
import { BASE_URL, checkFeedUrls, listKeys, publishSection, readObject, S3_ENV, startProxy, startS3, type LocalS3 } from './helpers/s3.js';

const SLUG = '2026-11-25-morning';

/** A port on 127.0.0.1 that nothing listens on (just freed by the system). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
const EDITION = `---
title: Morning
date: 2026-11-25
---
# Harbour
The ferry runs again.

Tickets cost less.

# Weather
Rain by noon.
`;

let s3: LocalS3;
let work: { dir: string; config: string; out: string };
let edition: string;
const env = { ...S3_ENV };
const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  runCli([...args, '-c', work.config, '-o', work.out], { cwd: work.dir, env: { ...env, ...extra } });

beforeAll(async () => {
  s3 = await startS3(['news-audio']);
  work = await makeWorkspace({ show: { baseUrl: BASE_URL }, publish: publishSection(s3.endpoint, 's3://news-audio/daily/') });
  edition = path.join(work.dir, `${SLUG}.md`);
  await writeFile(edition, EDITION);
  const built = await cli(['build', edition, '--json']);
  expect(built.code, built.stderr).toBe(0);
});
afterAll(async () => {
  await s3?.close();
  await rm(work.dir, { recursive: true, force: true });
});

describe('audio-edition publish (the built CLI against a local S3 server)', () => {
  it('--dry-run lists what would go up and changes nothing', async () => {
    const result = await cli(['publish', '--dry-run', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ target: 's3://news-audio/daily/', dryRun: true, unchanged: 0, deleted: [] });
    expect(json.uploaded).toContain(`${SLUG}/episode.mp3`);
    expect(await listKeys(s3.client, 'news-audio')).toEqual([]);
  });

  it('a first publish uploads everything, audio first and feed.xml last; a second uploads nothing', async () => {
    const first = await cli(['publish', '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const json = JSON.parse(first.stdout);
    expect(Object.keys(json)).toEqual(['target', 'uploaded', 'unchanged', 'deleted', 'bytes']);
    const uploaded: string[] = json.uploaded;
    for (const name of ['episode.mp3', 'manifest.json', 'index.html', 'chapters.json', 'transcript.vtt', 'transcript.srt'])
      expect(uploaded).toContain(`${SLUG}/${name}`);
    expect(uploaded.slice(-2)).toEqual(['episodes.json', 'feed.xml']);
    expect(uploaded.indexOf(`${SLUG}/episode.mp3`)).toBeLessThan(uploaded.indexOf(`${SLUG}/manifest.json`));
    expect(uploaded.indexOf(`${SLUG}/transcript.vtt`)).toBeLessThan(uploaded.indexOf(`${SLUG}/index.html`));
    expect(json.bytes).toBeGreaterThan(10_000);
    const keys = await listKeys(s3.client, 'news-audio');
    expect(keys).toEqual(uploaded.map((key) => `daily/${key}`).sort());
    expect(await readObject(s3.client, 'news-audio', 'daily/feed.xml')).toBe(await readFile(path.join(work.out, 'feed.xml'), 'utf8'));
    expect((await checkFeedUrls(s3.client, 'news-audio', 'daily/')).missing).toEqual([]);

    const again = await cli(['publish', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({
      target: 's3://news-audio/daily/',
      uploaded: [],
      unchanged: uploaded.length,
      deleted: [],
      bytes: 0,
    });
  });

  it('sets content types with a charset for text and short or long Cache-Control, read back with HEAD', async () => {
    const head = (key: string) => s3.client.send(new HeadObjectCommand({ Bucket: 'news-audio', Key: `daily/${key}` }));
    const expected: [string, string, number][] = [
      ['feed.xml', 'application/rss+xml; charset=utf-8', 300],
      ['episodes.json', 'application/json; charset=utf-8', 300],
      ['player.js', 'text/javascript; charset=utf-8', 300],
      [`${SLUG}/manifest.json`, 'application/json; charset=utf-8', 300],
      [`${SLUG}/index.html`, 'text/html; charset=utf-8', 300],
      [`${SLUG}/episode.mp3`, 'audio/mpeg', 3600],
      [`${SLUG}/a1.mp3`, 'audio/mpeg', 3600],
      [`${SLUG}/transcript.json`, 'application/json; charset=utf-8', 3600],
      [`${SLUG}/transcript.vtt`, 'text/vtt; charset=utf-8', 3600],
      [`${SLUG}/transcript.srt`, 'application/x-subrip; charset=utf-8', 3600],
      [`${SLUG}/chapters.json`, 'application/json; charset=utf-8', 3600],
    ];
    for (const [key, type, seconds] of expected) {
      const answer = await head(key);
      expect({ key, type: answer.ContentType, cache: answer.CacheControl }).toEqual({ key, type, cache: `public, max-age=${seconds}` });
      expect(answer.Metadata?.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('answers a Range request on the episode with 206 and the requested bytes', async () => {
    const local = await readFile(path.join(work.out, SLUG, 'episode.mp3'));
    const answer = await s3.client.send(
      new GetObjectCommand({ Bucket: 'news-audio', Key: `daily/${SLUG}/episode.mp3`, Range: 'bytes=100-1099' }),
    );
    expect(answer.$metadata.httpStatusCode).toBe(206);
    expect(answer.ContentRange).toBe(`bytes 100-1099/${local.length}`);
    expect(Buffer.from(await answer.Body!.transformToByteArray()).equals(local.subarray(100, 1100))).toBe(true);
  });

  it('after a one-paragraph edit, uploads only the files that changed', async () => {
    await writeFile(edition, EDITION.replace('Rain by noon.', 'Sun by noon.'));
    const built = await cli(['build', edition, '--json']);
    expect(built.code, built.stderr).toBe(0);
    expect(JSON.parse(built.stdout).episodes[0].clips.synthesized).toBe(1);
    const result = await cli(['publish', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    // The player, and every file of the episode that does not carry the paragraph's text or
    // timing, stay as they were.
    expect(json.uploaded).not.toContain('player.js');
    expect(json.uploaded).toEqual(
      expect.arrayContaining([`${SLUG}/episode.mp3`, `${SLUG}/manifest.json`, `${SLUG}/index.html`, 'feed.xml']),
    );
    expect(json.uploaded.at(-1)).toBe('feed.xml');
    expect(json.unchanged).toBeGreaterThan(0);
    expect(json.uploaded.length + json.unchanged).toBe((await listKeys(s3.client, 'news-audio', 'daily/')).length);
    expect(await readObject(s3.client, 'news-audio', `daily/${SLUG}/index.html`)).toContain('Sun by noon.');
  });

  it('--delete removes objects output/ no longer has, after the feed', async () => {
    await writeFile(path.join(work.out, 'old-note.txt'), 'left over');
    expect((await cli(['publish', '--json'])).code).toBe(0);
    expect(await listKeys(s3.client, 'news-audio', 'daily/old-note.txt')).toEqual(['daily/old-note.txt']);
    await rm(path.join(work.out, 'old-note.txt'));
    const kept = await cli(['publish', '--json']);
    expect(JSON.parse(kept.stdout).deleted).toEqual([]);
    expect(await listKeys(s3.client, 'news-audio', 'daily/old-note.txt')).toEqual(['daily/old-note.txt']);
    const dry = JSON.parse((await cli(['publish', '--delete', '--dry-run', '--json'])).stdout);
    expect(dry).toMatchObject({ dryRun: true, uploaded: [], deleted: ['old-note.txt'] });
    const result = await cli(['publish', '--delete', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).deleted).toEqual(['old-note.txt']);
    expect(await listKeys(s3.client, 'news-audio', 'daily/old-note.txt')).toEqual([]);
    expect((await checkFeedUrls(s3.client, 'news-audio', 'daily/')).missing).toEqual([]);
  });

  it('wrong credentials: exit 1 with one line naming the bucket and what to do, nothing printed of the key', async () => {
    const result = await cli(['publish', '--json'], { AWS_ACCESS_KEY_ID: 'NOT-A-KEY', AWS_SECRET_ACCESS_KEY: 'very-secret-value' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: access denied .*s3:\/\/news-audio\/daily\/.*InvalidAccessKeyId.*AWS_ACCESS_KEY_ID/);
    expect(result.stderr).not.toContain('very-secret-value');
    const debug = await cli(['publish', '--debug'], { AWS_ACCESS_KEY_ID: 'NOT-A-KEY', AWS_SECRET_ACCESS_KEY: 'very-secret-value' });
    expect(debug.code).toBe(1);
    expect(debug.stderr).not.toContain('very-secret-value');
  });

  it('keys from a profile file are used and never printed, by publish or doctor, with --debug and --json', async () => {
    const secret = 'profile-secret-0123456789abcdef';
    const credentials = path.join(work.dir, 'aws-credentials');
    await writeFile(credentials, `[newsroom]\naws_access_key_id = NOT-A-PROFILE-KEY\naws_secret_access_key = ${secret}\n`);
    const profile = {
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: 'newsroom',
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_CONFIG_FILE: path.join(work.dir, 'no-aws-config'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    for (const args of [
      ['publish', '--debug'],
      ['publish', '--json', '--debug'],
      ['doctor', '--debug'],
      ['doctor', '--json', '--debug'],
    ]) {
      const result = await cli(args, profile);
      const output = `${result.stdout}\n${result.stderr}`;
      expect(result.code, args.join(' ')).toBe(1);
      // The profile's key was the one sent: the server refused it, rather than finding none.
      expect(output, args.join(' ')).toMatch(/access denied .*s3:\/\/news-audio\/daily\/.*InvalidAccessKeyId/);
      expect(output, args.join(' ')).not.toContain(secret);
      expect(output, args.join(' ')).not.toContain(secret.slice(0, 16));
    }
  });

  it('an endpoint nothing listens on: exit 1, one line naming the bucket and what to do, no stack', async () => {
    const other = await makeWorkspace({
      show: { baseUrl: BASE_URL },
      publish: publishSection(`http://127.0.0.1:${await closedPort()}`, 's3://news-audio/daily/'),
    });
    try {
      const result = await runCli(['publish', '--json', '-c', other.config, '-o', work.out], { env });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          /^error: could not list s3:\/\/news-audio\/daily\/ \(ECONNREFUSED[^)]*\)\. Check the network and publish\.endpoint, then run publish again/,
        ),
      ]);
    } finally {
      await rm(other.dir, { recursive: true, force: true });
    }
  });

  it('an upload the network keeps dropping: exit 1, one line naming the bucket and the key, the feed left as it was', async () => {
    // Only the episode's audio never gets through; everything else in its stage does.
    const proxy = await startProxy(s3.port, { onPut: (key) => (key.endsWith('/episode.mp3') ? 'drop' : undefined) });
    const other = await makeWorkspace({
      show: { baseUrl: BASE_URL },
      publish: publishSection(proxy.endpoint, 's3://news-audio/dropped/', { maxAttempts: 2 }),
    });
    try {
      const result = await runCli(['publish', '--json', '-c', other.config, '-o', work.out], { env });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(
            `^error: could not upload s3://news-audio/dropped/${SLUG}/episode\\.mp3 \\(.+\\)\\. Check the network .*publish again`,
          ),
        ),
      ]);
      expect(await listKeys(s3.client, 'news-audio', 'dropped/feed.xml')).toEqual([]);
    } finally {
      await proxy.close();
      await rm(other.dir, { recursive: true, force: true });
    }
  });

  it('a missing bucket exits 2; a config without publish.target exits 2', async () => {
    const other = await makeWorkspace({ show: { baseUrl: BASE_URL }, publish: publishSection(s3.endpoint, 's3://no-such-bucket/daily/') });
    try {
      const missing = await runCli(['publish', '-c', other.config, '-o', work.out], { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^error: bucket "no-such-bucket" does not exist.*publish\.target/),
      ]);
      await writeFile(other.config, JSON.stringify({ show: { baseUrl: BASE_URL } }));
      const unset = await runCli(['publish', '-c', other.config, '-o', work.out], { env });
      expect(unset.code).toBe(2);
      expect(unset.stderr).toMatch(/^error: publish\.target is not set/);
      await writeFile(other.config, JSON.stringify({ publish: { target: 'https://news-audio/' } }));
      const bad = await runCli(['publish', '-c', other.config, '-o', work.out], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/publish\.target/);
    } finally {
      await rm(other.dir, { recursive: true, force: true });
    }
  });

  it('sends a long episode in parts, with its hash in the metadata, and finds it unchanged next time', async () => {
    const long = path.join(work.out, 'extra', 'long.mp3');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.dirname(long), { recursive: true });
    const bytes = Buffer.alloc(9 * 1024 * 1024 + 123);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i / 4096) % 251;
    await writeFile(long, bytes);
    const proxy = await startProxy(s3.port, {});
    const config = JSON.parse(await readFile(work.config, 'utf8'));
    config.publish.endpoint = proxy.endpoint;
    const logged = path.join(work.dir, 'logged.config.json');
    await writeFile(logged, JSON.stringify(config));
    try {
      const first = await runCli(['publish', '--json', '-c', logged, '-o', work.out], { cwd: work.dir, env });
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout).uploaded).toEqual(['extra/long.mp3']);
      expect(proxy.log.filter((line) => /^PUT \/news-audio\/daily\/extra\/long\.mp3\?.*partNumber=/.test(line))).toHaveLength(2);
      const head = await s3.client.send(new HeadObjectCommand({ Bucket: 'news-audio', Key: 'daily/extra/long.mp3' }));
      expect(head.ContentLength).toBe(bytes.length);
      expect(head.Metadata?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(JSON.parse((await cli(['publish', '--json'])).stdout).uploaded).toEqual([]);
    } finally {
      await proxy.close();
      await rm(path.dirname(long), { recursive: true, force: true });
      expect((await cli(['publish', '--delete', '--json'])).code).toBe(0);
    }
  });

  it('--cors sets CORS rules so a page on another origin may fetch the audio with Range', async () => {
    const result = await cli(['publish', '--cors', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ cors: 'applied', uploaded: [] });
    const rules = await s3.client.send(new GetBucketCorsCommand({ Bucket: 'news-audio' }));
    // The rule the README shows for S3 and R2.
    expect(rules.CORSRules).toEqual([
      {
        AllowedOrigins: ['*'],
        AllowedMethods: ['GET', 'HEAD'],
        AllowedHeaders: ['*'],
        ExposeHeaders: ['Content-Range', 'Content-Length', 'Accept-Ranges', 'ETag'],
        MaxAgeSeconds: 86400,
      },
    ]);
    for (const requested of ['range', 'range, x-requested-with']) {
      const preflight = await fetch(`${s3.endpoint}/news-audio/daily/${SLUG}/episode.mp3`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://www.example.org',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': requested,
        },
      });
      expect(preflight.status, requested).toBe(200);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('library warnings (the SDK’s Node version notice) stay off stderr without --debug', async () => {
    const plain = await cli(['publish']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toMatch(/NodeVersionSupportWarning|AWS SDK/);
    // The notice is really emitted in the CLI's process (tests/quiet-sdk-warning.ts quiets only
    // the test process), so the check above holds because the CLI hides it: --debug shows it.
    if (Number(process.versions.node.split('.')[0]) < 22) {
      const debug = await cli(['publish', '--debug']);
      expect(debug.code, debug.stderr).toBe(0);
      expect(debug.stderr).toMatch(/^debug: Warning: NodeVersionSupportWarning/m);
    }
  });
});
