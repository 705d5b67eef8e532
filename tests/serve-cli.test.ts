import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, makeWorkspace, runCli, SAMPLE } from './helpers/cli.js';

/** `audio-edition serve` as an editor runs it: it prints the listen pages and serves them until stopped. */

let work: { dir: string; config: string; out: string };
beforeAll(async () => {
  work = await makeWorkspace();
  const built = await runCli(['build', SAMPLE, '-c', work.config, '-o', work.out, '--json']);
  expect(built.code).toBe(0);
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

describe('audio-edition serve', () => {
  it('serves the output folder on 127.0.0.1, lists the listen pages, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '-o', work.out, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        buffered += chunk;
        if (buffered.includes('\n')) resolve(buffered.split('\n')[0]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
    });
    const info = JSON.parse(line) as { url: string; feed: string; pages: string[] };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(info.pages).toEqual([`${info.url}2026-11-25-a-little-respite/`]);

    const page = await fetch(info.pages[0]!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<audio-edition');
    const audio = await fetch(`${info.url}2026-11-25-a-little-respite/episode.mp3`, { headers: { Range: 'bytes=0-99' } });
    expect(audio.status).toBe(206);
    expect(audio.headers.get('access-control-allow-origin')).toBe('*');
    expect((await audio.arrayBuffer()).byteLength).toBe(100);
    const feed = await fetch(info.feed);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<rss');
    const outside = await fetch(`${info.url}..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(outside.status);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
