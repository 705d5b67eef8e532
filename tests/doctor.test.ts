/**
 * `doctor` through the built CLI: a checklist with a fix for each problem, exit 0 when a build
 * could run, exit 1 when something blocks one, one JSON document with --json.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from './helpers/cli.js';

interface Check {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

let work: { dir: string; config: string; out: string };

beforeAll(async () => {
  work = await makeWorkspace();
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

const doctor = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(['doctor', ...args], { cwd: work.dir, env });

async function configWith(name: string, change: (config: Record<string, any>) => void): Promise<string> {
  const config = JSON.parse(await readFile(work.config, 'utf8'));
  change(config);
  const file = path.join(work.dir, name);
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

async function doctorJson(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; ok: boolean; checks: Check[] }> {
  const result = await doctor([...args, '--json'], env);
  expect(result.stdout.trim().startsWith('{')).toBe(true);
  const document = JSON.parse(result.stdout) as { ok: boolean; checks: Check[] };
  return { code: result.code, ...document };
}

const find = (checks: Check[], name: string) => checks.find((check) => check.name === name);

describe('audio-edition doctor', () => {
  it('prints a checklist and exits 0 on a good setup, creating nothing', async () => {
    const result = await doctor(['-c', work.config, '-o', work.out]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const name of ['config', 'ffmpeg', 'ffprobe', 'mp3 encoder', 'flite engine', 'output folder']) {
      expect(result.stdout).toMatch(new RegExp(`^✔ ${name}: `, 'm'));
    }
    expect(result.stdout).toMatch(/^. google engine: /m);
    // The sample's local http baseUrl serves previews; directories need https, so it is a warning with a fix.
    expect(result.stdout).toMatch(/^! baseUrl: show\.baseUrl: "http:\/\/127\.0\.0\.1:8080\/" .*https/m);
    expect(result.stdout).not.toMatch(/^✘/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Ready to build.');
    await expect(stat(work.out)).rejects.toThrow();
    expect(result.stderr).toBe('');
  });

  it('with --json prints exactly one JSON document', async () => {
    const result = await doctor(['-c', work.config, '-o', work.out, '--json']);
    expect(result.code).toBe(0);
    const document = JSON.parse(result.stdout) as { ok: boolean; checks: Check[] };
    expect(document.ok).toBe(true);
    expect(document.checks.map((check) => check.name)).toEqual(
      expect.arrayContaining(['config', 'ffmpeg', 'ffprobe', 'mp3 encoder', 'flite engine', 'google engine', 'output folder', 'baseUrl']),
    );
    for (const check of document.checks) expect(['ok', 'warn', 'fail']).toContain(check.status);
  });

  it('exits 1 with the fix when ffmpeg cannot run (FFMPEG_PATH=/nonexistent)', async () => {
    const result = await doctor(['-c', work.config, '-o', work.out], { FFMPEG_PATH: '/nonexistent' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^✘ ffmpeg: cannot run \/nonexistent$/m);
    expect(result.stdout).toMatch(/fix: .*FFMPEG_PATH/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Something above blocks a build.');
    const json = await doctorJson(['-c', work.config, '-o', work.out], { FFMPEG_PATH: '/nonexistent' });
    expect(json.code).toBe(1);
    expect(json.ok).toBe(false);
    expect(find(json.checks, 'ffmpeg')).toMatchObject({ status: 'fail', fix: expect.stringContaining('FFMPEG_PATH') });
  });

  it('exits 1 when the output folder cannot be written (a file where the folder should be)', async () => {
    const blocker = path.join(work.dir, 'not-a-folder');
    await writeFile(blocker, 'x');
    const json = await doctorJson(['-c', work.config, '-o', path.join(blocker, 'output')]);
    expect(json.code).toBe(1);
    expect(find(json.checks, 'output folder')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('not-a-folder'),
      fix: expect.any(String),
    });
  });

  it('exits 1 when the output folder is read-only', async () => {
    const { chmod, mkdir } = await import('node:fs/promises');
    const locked = path.join(work.dir, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o555);
    // Root writes anywhere: doctor runs as an ordinary user, who can read the workspace.
    await chmod(work.dir, 0o755);
    const result = await runCli(['doctor', '-c', work.config, '-o', locked, '--json'], { cwd: work.dir, unprivileged: true });
    const json = { code: result.code, ...(JSON.parse(result.stdout) as { ok: boolean; checks: Check[] }) };
    await chmod(locked, 0o755);
    expect(json.code).toBe(1);
    expect(find(json.checks, 'output folder')?.status).toBe('fail');
  });

  it('exits 1 naming show.baseUrl when it is not an absolute URL, and warns on http', async () => {
    const bad = await configWith('relative-base.config.json', (config) => (config.show.baseUrl = 'cdn.example.com/audio'));
    const json = await doctorJson(['-c', bad, '-o', work.out]);
    expect(json.code).toBe(1);
    expect(find(json.checks, 'baseUrl')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining('show.baseUrl'),
      fix: expect.any(String),
    });
    const http = await configWith('http-base.config.json', (config) => (config.show.baseUrl = 'http://cdn.example.com/audio/'));
    const warned = await doctorJson(['-c', http, '-o', work.out]);
    expect(warned.code).toBe(0);
    expect(find(warned.checks, 'baseUrl')?.status).toBe('warn');
    const https = await configWith('https-base.config.json', (config) => (config.show.baseUrl = 'https://cdn.example.com/audio/'));
    const fine = await doctorJson(['-c', https, '-o', work.out]);
    expect(find(fine.checks, 'baseUrl')).toMatchObject({ status: 'ok', detail: expect.stringContaining('https://cdn.example.com/audio/') });
  });

  it('exits 1 when the configured engine is google and its key file is missing', async () => {
    const config = await configWith('google.config.json', (c) => {
      c.speech = { ...c.speech, engine: 'google', voice: undefined };
      c.engines = { google: { keyFilename: 'missing-key.json' } };
    });
    const json = await doctorJson(['-c', config, '-o', work.out]);
    expect(json.code).toBe(1);
    expect(find(json.checks, 'google engine')).toMatchObject({ status: 'fail', detail: expect.stringContaining('missing-key.json') });
  });

  it('an invalid config is exit 2 with the key path, like every other command', async () => {
    const config = await configWith('invalid.config.json', (c) => (c.audio.loudness = 'loud'));
    const result = await doctor(['-c', config]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('audio.loudness');
  });
});
