import http from 'node:http';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findListenPages, parseRange, serveOutput, type RunningServer } from '../src/commands/serve.js';

/** A raw request: fetch() would normalize `..` and `%2e%2e` away before they reach the server. */
function request(
  url: string,
  rawPath: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveOutput', () => {
  let root: string;
  let dir: string;
  let server: RunningServer;
  const audio = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'serve-test-'));
    dir = path.join(root, 'output');
    await mkdir(path.join(dir, 'ep'), { recursive: true });
    await writeFile(path.join(root, 'secret.txt'), 'outside');
    await writeFile(path.join(dir, 'ep', 'episode.mp3'), audio);
    await writeFile(path.join(dir, 'ep', 'manifest.json'), '{"version":1}');
    await writeFile(path.join(dir, 'ep', 'transcript.vtt'), 'WEBVTT\n');
    await writeFile(path.join(dir, 'ep', 'transcript.srt'), '1\n');
    await writeFile(path.join(dir, 'ep', 'index.html'), '<!doctype html><title>ep</title>');
    await writeFile(path.join(dir, 'feed.xml'), '<rss/>');
    await writeFile(path.join(dir, 'player.js'), 'export {};');
    await writeFile(path.join(dir, '.feed.xml.123.tmp'), 'half written');
    await symlink(path.join(root, 'secret.txt'), path.join(dir, 'escape.txt'));
    server = await serveOutput({ dir, port: 0 });
  });

  afterAll(async () => {
    await server.close();
    await rm(root, { recursive: true, force: true });
  });

  it('binds to 127.0.0.1 by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves a whole file with length, type, range support and CORS', async () => {
    const response = await fetch(`${server.url}ep/episode.mp3`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
    expect(Buffer.from(await response.arrayBuffer()).equals(audio)).toBe(true);
  });

  it('answers a Range request with 206 and exactly those bytes', async () => {
    const response = await fetch(`${server.url}ep/episode.mp3`, { headers: { Range: 'bytes=100-199' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await response.arrayBuffer()).equals(audio.subarray(100, 200))).toBe(true);
  });

  it('supports open-ended and suffix ranges, and refuses ranges past the end with 416', async () => {
    const open = await fetch(`${server.url}ep/episode.mp3`, { headers: { Range: 'bytes=990-' } });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer()).equals(audio.subarray(990))).toBe(true);
    const suffix = await fetch(`${server.url}ep/episode.mp3`, { headers: { Range: 'bytes=-10' } });
    expect(suffix.headers.get('content-range')).toBe('bytes 990-999/1000');
    const past = await fetch(`${server.url}ep/episode.mp3`, { headers: { Range: 'bytes=5000-6000' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await request(server.url, '/ep/episode.mp3', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe('1000');
    expect(response.headers['content-type']).toBe('audio/mpeg');
    expect(response.body.length).toBe(0);
  });

  it.each([
    ['ep/manifest.json', 'application/json; charset=utf-8'],
    ['feed.xml', 'application/rss+xml; charset=utf-8'],
    ['ep/transcript.vtt', 'text/vtt; charset=utf-8'],
    ['ep/transcript.srt', 'application/x-subrip; charset=utf-8'],
    ['player.js', 'text/javascript; charset=utf-8'],
    ['ep/', 'text/html; charset=utf-8'],
  ])('serves %s as %s', async (file, type) => {
    const response = await fetch(`${server.url}${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('redirects a folder without its slash, so the page’s relative links resolve', async () => {
    const response = await request(server.url, '/ep');
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('/ep/');
  });

  it('answers CORS preflight requests', async () => {
    const response = await request(server.url, '/ep/episode.mp3', {
      method: 'OPTIONS',
      headers: { Origin: 'https://news.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'range' },
    });
    expect(response.status).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['access-control-allow-methods']).toMatch(/GET/);
    expect(response.headers['access-control-allow-headers']).toMatch(/range/i);
  });

  it('revalidates with ETag and Last-Modified', async () => {
    const first = await fetch(`${server.url}feed.xml`);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await request(server.url, '/feed.xml', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const lastModified = first.headers.get('last-modified')!;
    expect((await request(server.url, '/feed.xml', { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
  });

  it.each([
    '/../secret.txt',
    '/ep/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/ep/%2e%2e/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/..%5csecret.txt',
    '/ep/..\\..\\secret.txt',
    '/ep/episode.mp3%00.txt',
  ])('refuses the traversal %s', async (rawPath) => {
    const response = await request(server.url, rawPath);
    expect(response.status).toBe(403);
    expect(response.body.toString()).not.toContain('outside');
  });

  it('refuses a symlink that leads outside the folder', async () => {
    const response = await request(server.url, '/escape.txt');
    expect(response.status).toBe(403);
  });

  it('does not serve hidden temporary files, missing files, or other methods', async () => {
    expect((await request(server.url, '/.feed.xml.123.tmp')).status).toBe(404);
    expect((await request(server.url, '/nothing.mp3')).status).toBe(404);
    expect((await request(server.url, '/feed.xml', { method: 'POST' })).status).toBe(405);
  });

  it('lists the listen pages it can offer', async () => {
    expect(await findListenPages(dir)).toEqual(['ep']);
  });
});

describe('parseRange', () => {
  it('reads single ranges and ignores what it cannot honour', () => {
    expect(parseRange('bytes=0-0', 10)).toEqual({ start: 0, end: 0 });
    expect(parseRange('bytes=5-100', 10)).toEqual({ start: 5, end: 9 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,3-4', 10)).toBeNull();
    expect(parseRange('items=0-1', 10)).toBeNull();
    expect(parseRange('bytes=5-2', 10)).toBeNull();
  });
});
