import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
// @ts-expect-error s3rver ships no type declarations.
import S3rver from 's3rver';

/** s3rver's built-in account: it checks the access key id, not the signature. */
export const S3_ENV = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };

export interface LocalS3 {
  endpoint: string;
  port: number;
  client: S3Client;
  close(): Promise<void>;
}

/** A local S3-compatible server on 127.0.0.1, a random port and a fresh folder, with the given buckets. */
export async function startS3(buckets: string[]): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'ae-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    endpoint,
    port: address.port,
    client,
    async close() {
      client.destroy();
      // Keep-alive connections (the proxy's, a killed CLI's) would hold close() open.
      (server as { httpServer?: http.Server }).httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface Proxy {
  endpoint: string;
  /** PUT requests seen (including the ones answered with an injected failure). */
  puts: number;
  failed: number;
  /** Every request as "METHOD /path?query". */
  log: string[];
  /** Every object PUT (not its parts), with the headers it came with. */
  objectPuts: { key: string; headers: http.IncomingHttpHeaders }[];
  /** Resolves when the first PUT body starts flowing. */
  firstPut: Promise<void>;
  close(): Promise<void>;
}

/**
 * What `onPut` may do with an object PUT instead of forwarding it: answer with an S3 error, drop
 * the connection unanswered, or forward it and then drop the connection before the answer.
 */
export type PutAction = { status: number; code: string } | 'drop' | 'lose-answer';

export interface ProxyFaults {
  failThirtyPercent?: boolean;
  slowPutBytesPerSecond?: number;
  /**
   * Honour `If-Match` / `If-None-Match` on object PUTs as S3 and R2 do (412 PreconditionFailed
   * when the object is not the one named). s3rver ignores both headers.
   */
  conditionalWrites?: boolean;
  /** Called for each object PUT (the key without the bucket) before anything else is done with it. */
  onPut?: (key: string, headers: http.IncomingHttpHeaders) => PutAction | undefined | Promise<PutAction | undefined>;
}

/**
 * An HTTP proxy between the client and s3rver that injects faults into object uploads:
 * `failThirtyPercent` fails PUTs number 3, 6 and 10 of each ten (never two in a row): a 503
 * SlowDown, a dropped connection, a 500 InternalError; `slowPuts` forwards upload bodies slowly,
 * so a test can kill the CLI mid-upload; `conditionalWrites` and `onPut` as described above.
 */
export async function startProxy(target: number, faults: ProxyFaults): Promise<Proxy> {
  let resolveFirst: () => void = () => {};
  const state: Proxy = {
    endpoint: '',
    puts: 0,
    failed: 0,
    log: [],
    objectPuts: [],
    firstPut: new Promise<void>((resolve) => {
      resolveFirst = resolve;
    }),
    close: async () => {},
  };
  const handle = async (request: http.IncomingMessage, response: http.ServerResponse): Promise<void> => {
    state.log.push(`${request.method} ${request.url}`);
    const isPut = request.method === 'PUT' && !/[?&](cors|website)/.test(request.url ?? '');
    if (isPut) state.puts++;
    if (isPut && faults.failThirtyPercent && [3, 6, 0].includes(state.puts % 10)) {
      state.failed++;
      // Two of the three faults are 5xx answers (503 throttling, 500), the third a dropped connection.
      if (state.puts % 10 === 6) {
        request.socket.destroy();
        return;
      }
      answerError(request, response, state.puts % 10 === 3 ? { status: 503, code: 'SlowDown' } : { status: 500, code: 'InternalError' });
      return;
    }
    const objectPath = isPut && !/[?&]partNumber=/.test(request.url ?? '') ? (request.url ?? '').split('?')[0]! : undefined;
    let action: PutAction | undefined;
    if (objectPath) {
      const key = decodeURIComponent(objectPath.split('/').slice(2).join('/'));
      state.objectPuts.push({ key, headers: { ...request.headers } });
      action = await faults.onPut?.(key, request.headers);
      if (!action && faults.conditionalWrites && !(await conditionHolds(target, objectPath, request.headers))) {
        action = { status: 412, code: 'PreconditionFailed' };
      }
    }
    if (action === 'drop') {
      request.socket.destroy();
      return;
    }
    if (action && typeof action === 'object') {
      answerError(request, response, action);
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: target, method: request.method, path: request.url, headers: request.headers, agent: false },
      (answer) => {
        if (action === 'lose-answer') {
          answer.resume();
          answer.on('end', () => request.socket.destroy());
          return;
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    if (isPut && faults.slowPutBytesPerSecond) {
      resolveFirst();
      const rate = faults.slowPutBytesPerSecond;
      request.on('data', (chunk: Buffer) => {
        request.pause();
        upstream.write(chunk);
        setTimeout(() => request.resume(), (chunk.length / rate) * 1000);
      });
      request.on('end', () => upstream.end());
    } else {
      request.pipe(upstream);
    }
  };
  const server = http.createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function answerError(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  { status, code }: { status: number; code: string },
): void {
  request.resume();
  request.on('end', () => {
    response.writeHead(status, { 'Content-Type': 'application/xml' });
    response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected</Message></Error>`);
  });
}

/** Whether a PUT's If-Match / If-None-Match holds for the object s3rver has now (read with HEAD). */
async function conditionHolds(target: number, objectPath: string, headers: http.IncomingHttpHeaders): Promise<boolean> {
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  if (!ifMatch && !ifNoneMatch) return true;
  const etag = await new Promise<string | undefined>((resolve, reject) => {
    const head = http.request({ host: '127.0.0.1', port: target, method: 'HEAD', path: objectPath, agent: false }, (answer) => {
      answer.resume();
      resolve(answer.statusCode === 200 ? String(answer.headers.etag) : undefined);
    });
    head.on('error', reject);
    head.end();
  });
  if (ifNoneMatch === '*') return etag === undefined;
  return etag !== undefined && ifMatch === etag;
}

export const BASE_URL = 'https://cdn.example.com/audio/';

/** The config section that points publish (and an s3:// cache) at a local server. */
export function publishSection(endpoint: string, target: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { target, endpoint, region: 'us-east-1', forcePathStyle: true, ...extra };
}

/** Text of one object, or undefined when it does not exist. */
export async function readObject(client: S3Client, bucket: string, key: string): Promise<string | undefined> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await object.Body?.transformToString('utf-8');
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

export async function listKeys(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((item) => item.Key!).sort();
}

/**
 * Every URL the bucket's feed.xml names below `baseUrl` (enclosures, transcripts, chapters, the
 * listen pages, served as `<slug>/` → `<slug>/index.html`), and whether each object exists.
 */
export async function checkFeedUrls(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<{ feed: string; missing: string[]; urls: string[] }> {
  const { HeadObjectCommand } = await import('@aws-sdk/client-s3');
  const feed = (await readObject(client, bucket, `${prefix}feed.xml`)) ?? '';
  const urls = [...new Set([...feed.matchAll(/https:\/\/cdn\.example\.com\/audio\/[^"<\s]*/g)].map((match) => match[0]))].filter(
    (url) => url !== `${BASE_URL}feed.xml` && url !== BASE_URL,
  );
  const missing: string[] = [];
  for (const url of urls) {
    const relative = url.slice(BASE_URL.length);
    const key = `${prefix}${relative.endsWith('/') ? `${relative}index.html` : relative}`;
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    } catch {
      missing.push(key);
    }
  }
  return { feed, missing, urls };
}
