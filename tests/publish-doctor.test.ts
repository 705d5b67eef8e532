import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from './helpers/cli.js';
import { BASE_URL, listKeys, publishSection, S3_ENV, startS3, type LocalS3 } from './helpers/s3.js';

interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

let s3: LocalS3;
let work: { dir: string; config: string; out: string };

beforeAll(async () => {
  s3 = await startS3(['news-audio']);
  work = await makeWorkspace({
    show: { baseUrl: BASE_URL },
    speech: { cacheDir: 's3://news-audio/clip-cache/' },
    publish: publishSection(s3.endpoint, 's3://news-audio/daily/'),
  });
});
afterAll(async () => {
  await s3?.close();
  await rm(work.dir, { recursive: true, force: true });
});

async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number; checks: Check[]; stderr: string; stdout: string }> {
  const result = await runCli(['doctor', '--json', '-c', work.config, '-o', work.out], { cwd: work.dir, env });
  return { code: result.code, checks: JSON.parse(result.stdout).checks as Check[], stderr: result.stderr, stdout: result.stdout };
}

describe('doctor checks the publish target and an s3:// clip cache', () => {
  it('finds credentials, reaches the bucket and writes (then deletes) a probe, leaving the bucket as it was', async () => {
    const result = await doctor(S3_ENV);
    const target = result.checks.find((check) => check.name === 'publish target');
    const cache = result.checks.find((check) => check.name === 'clip cache');
    expect(target).toMatchObject({ status: 'ok', detail: expect.stringContaining('s3://news-audio/daily/ is reachable and writable') });
    expect(cache).toMatchObject({ status: 'ok' });
    expect(await listKeys(s3.client, 'news-audio')).toEqual([]);
  });

  it('says when the credentials are refused, and never prints them', async () => {
    const result = await doctor({ AWS_ACCESS_KEY_ID: 'NOT-A-KEY', AWS_SECRET_ACCESS_KEY: 'very-secret-value' });
    expect(result.code).toBe(1);
    const target = result.checks.find((check) => check.name === 'publish target');
    expect(target).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/access denied .*s3:\/\/news-audio\/daily\/.*InvalidAccessKeyId/),
    });
    expect(target?.fix).toMatch(/credentials/);
    expect(result.stdout + result.stderr).not.toContain('very-secret-value');
  });

  it('says when no credentials are found at all', async () => {
    const result = await doctor({
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: 'no-such-profile',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const target = result.checks.find((check) => check.name === 'publish target');
    expect(target).toMatchObject({ status: 'fail', detail: expect.stringContaining('no AWS credentials found') });
  });

  it('names a bucket that does not exist', async () => {
    const other = await makeWorkspace({ show: { baseUrl: BASE_URL }, publish: publishSection(s3.endpoint, 's3://missing-bucket/daily/') });
    try {
      const result = await runCli(['doctor', '--json', '-c', other.config, '-o', other.out], { cwd: other.dir, env: S3_ENV });
      const target = (JSON.parse(result.stdout).checks as Check[]).find((check) => check.name === 'publish target');
      expect(target).toMatchObject({ status: 'fail', detail: expect.stringContaining('bucket "missing-bucket" does not exist') });
    } finally {
      await rm(other.dir, { recursive: true, force: true });
    }
  });
});
