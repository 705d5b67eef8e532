import http from 'node:http';
import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AudioEditionError, RuntimeError } from '../errors.js';
import { contentTypeFor } from '../publish/content-type.js';

export interface ServeOptions {
  /** The folder to publish, normally `output/`. Nothing outside it is ever served. */
  dir: string;
  /** Defaults to 127.0.0.1: this is a preview server, not one to expose on a network. */
  host?: string;
  /** Defaults to 8080, the port of the default `show.baseUrl`; 0 picks a free one. */
  port?: number;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/**
 * Serves `dir` the way a CDN should serve the published files: Range requests, HEAD,
 * conditional requests, correct types and CORS, so the player and feed can be checked
 * exactly as they will behave once published.
 */
export async function serveOutput(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const root = await realpath(path.resolve(options.dir)).catch((error: unknown) => {
    // A wrong folder is bad input (exit 2), not a runtime failure.
    throw new AudioEditionError('E_SERVE_DIR', `Cannot serve ${options.dir}: the folder does not exist.`, {
      hint: 'Run `audio-edition build` first, or pass -o <dir>.',
      exitCode: 2,
      cause: error,
    });
  });
  const server = http.createServer((request, response) => {
    handleRequest(root, request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, 'Internal error');
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const hint = error.code === 'EADDRINUSE' ? 'Choose another port with --port.' : 'Check --host and --port.';
      reject(new RuntimeError('E_SERVE_LISTEN', `Cannot listen on ${host}:${options.port ?? 8080}: ${error.message}.`, hint, error));
    });
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8080);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Players keep audio connections open; don't wait for them to time out.
        server.closeAllConnections();
      }),
  };
}

async function handleRequest(root: string, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  setCorsHeaders(response);
  const method = request.method ?? 'GET';
  if (method === 'OPTIONS') {
    response.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    response.setHeader('Access-Control-Allow-Headers', request.headers['access-control-request-headers'] ?? 'Range');
    response.setHeader('Access-Control-Max-Age', '86400');
    response.writeHead(204).end();
    return;
  }
  if (method !== 'GET' && method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD, OPTIONS');
    return send(response, 405, 'Method not allowed');
  }

  const resolved = await resolveRequestPath(root, request.url ?? '/');
  if (resolved.kind === 'refused') return send(response, resolved.status, resolved.status === 403 ? 'Forbidden' : 'Not found');
  if (resolved.kind === 'redirect') {
    response.setHeader('Location', resolved.location);
    return send(response, 301, 'Moved');
  }
  await sendFile(request, response, resolved.file, resolved.stats);
}

export type ResolvedPath =
  | { kind: 'file'; file: string; stats: Stats }
  | { kind: 'redirect'; location: string }
  | { kind: 'refused'; status: 403 | 404 };

/**
 * Maps a request path to a file inside `root`, refusing anything that could step outside it:
 * `..` segments (plain or percent-encoded), encoded slashes and backslashes, NUL bytes, and
 * symbolic links that lead out of the folder.
 */
export async function resolveRequestPath(root: string, url: string): Promise<ResolvedPath> {
  const rawPath = url.split(/[?#]/, 1)[0] ?? '/';
  if (!rawPath.startsWith('/') || rawPath.includes('\\') || rawPath.includes('\0') || /%(2f|5c|00)/i.test(rawPath)) {
    return { kind: 'refused', status: 403 };
  }
  let segments: string[];
  try {
    segments = rawPath.split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    return { kind: 'refused', status: 403 };
  }
  if (segments.some((segment) => segment === '..' || segment === '.')) return { kind: 'refused', status: 403 };
  // Hidden files include the temporary files of atomic writes; they are never published.
  if (segments.some((segment) => segment.startsWith('.'))) return { kind: 'refused', status: 404 };

  let file = path.join(root, ...segments);
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return { kind: 'refused', status: 404 };
  }
  if (real !== root && !real.startsWith(root + path.sep)) return { kind: 'refused', status: 403 };
  let stats = await stat(real);
  if (stats.isDirectory()) {
    // Relative links on a listen page only resolve from the folder's own URL.
    if (!rawPath.endsWith('/')) return { kind: 'redirect', location: `${rawPath}/` };
    file = path.join(real, 'index.html');
    try {
      real = await realpath(file);
      stats = await stat(real);
    } catch {
      return { kind: 'refused', status: 404 };
    }
    if (!real.startsWith(root + path.sep)) return { kind: 'refused', status: 403 };
  }
  if (!stats.isFile()) return { kind: 'refused', status: 404 };
  return { kind: 'file', file: real, stats };
}

/**
 * Reads a single `bytes=` range. Several ranges or a malformed header are answered with the
 * whole file (RFC 9110 allows ignoring Range); a range starting past the end is unsatisfiable.
 */
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== '' && Number(match[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

async function sendFile(request: http.IncomingMessage, response: http.ServerResponse, file: string, stats: Stats): Promise<void> {
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  const lastModified = stats.mtime.toUTCString();
  response.setHeader('Content-Type', contentTypeFor(file));
  response.setHeader('Accept-Ranges', 'bytes');
  response.setHeader('ETag', etag);
  response.setHeader('Last-Modified', lastModified);
  // Always revalidate: this server previews files that are rebuilt while it runs.
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('X-Content-Type-Options', 'nosniff');

  if (isNotModified(request, etag, stats.mtime)) {
    response.writeHead(304).end();
    return;
  }

  let start = 0;
  let end = stats.size - 1;
  let status = 200;
  const rangeHeader = request.headers.range;
  if (rangeHeader && ifRangeMatches(request, etag, lastModified)) {
    const range = parseRange(rangeHeader, stats.size);
    if (range === 'unsatisfiable') {
      response.setHeader('Content-Range', `bytes */${stats.size}`);
      return send(response, 416, 'Range not satisfiable');
    }
    if (range) {
      ({ start, end } = range);
      status = 206;
      response.setHeader('Content-Range', `bytes ${start}-${end}/${stats.size}`);
    }
  }
  response.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  response.writeHead(status);
  if (request.method === 'HEAD' || stats.size === 0) {
    response.end();
    return;
  }
  await pipeline(createReadStream(file, { start, end }), response);
}

function isNotModified(request: http.IncomingMessage, etag: string, mtime: Date): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((tag) => {
      const trimmed = tag.trim();
      return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
    });
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}

/** A Range with If-Range only applies to the representation the client already has part of. */
function ifRangeMatches(request: http.IncomingMessage, etag: string, lastModified: string): boolean {
  const ifRange = request.headers['if-range'];
  return ifRange === undefined || ifRange === etag || ifRange === lastModified;
}

function setCorsHeaders(response: http.ServerResponse): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges, ETag, Last-Modified');
  // Lets host pages that isolate themselves (COEP) still embed the audio and player.
  response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

function send(response: http.ServerResponse, status: number, message: string): void {
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.setHeader('Content-Length', String(Buffer.byteLength(message) + 1));
  response.writeHead(status);
  response.end(response.req.method === 'HEAD' ? undefined : `${message}\n`);
}

/** The slugs in `dir` that have a listen page (`<slug>/index.html`), sorted newest name first. */
export async function findListenPages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const slugs: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const page = await stat(path.join(dir, entry.name, 'index.html')).catch(() => null);
    if (page?.isFile()) slugs.push(entry.name);
  }
  return slugs.sort().reverse();
}
