import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { s3Failure } from './errors.js';
import type { S3Location } from './target.js';

/**
 * What the bucket holds under the target prefix. Listing gives sizes and ETags; the content hash
 * lives in each object's metadata (`x-amz-meta-sha256`), because the ETag of a multipart upload
 * is not an MD5 of the content, and S3-compatible services differ in what they put there.
 */

export const HASH_METADATA = 'sha256';

export interface RemoteObject {
  key: string;
  bytes: number;
  /** Normalized (`normalizeETag`). */
  etag: string | undefined;
  /** Filled in by `readRemoteDetails` for objects whose size matches a local file. */
  sha256?: string;
  contentType?: string;
  cacheControl?: string;
}

/** Objects below the prefix, by key relative to it. Hidden folders (`.…/`) are not ours to list. */
export async function listRemoteObjects(client: S3Client, location: S3Location): Promise<Map<string, RemoteObject>> {
  const objects = new Map<string, RemoteObject>();
  let token: string | undefined;
  do {
    const page = await client
      .send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: location.prefix || undefined, ContinuationToken: token }))
      .catch((error: unknown) => {
        throw s3Failure(error, location, '', 'list');
      });
    for (const item of page.Contents ?? []) {
      if (!item.Key) continue;
      const key = item.Key.slice(location.prefix.length);
      if (!key || key.split('/').some((part) => part.startsWith('.'))) continue;
      objects.set(key, { key, bytes: item.Size ?? 0, etag: normalizeETag(item.ETag) });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return objects;
}

/** Reads the hash and headers of the given objects (HEAD requests, a few at a time). */
export async function readRemoteDetails(
  client: S3Client,
  location: S3Location,
  objects: RemoteObject[],
  concurrency: number,
): Promise<void> {
  const limit = pLimit(concurrency * 2);
  await Promise.all(
    objects.map((object) =>
      limit(async () => {
        const head = await client
          .send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.prefix + object.key }))
          .catch((error: unknown) => {
            throw s3Failure(error, location, object.key, 'read');
          });
        object.sha256 = head.Metadata?.[HASH_METADATA];
        object.contentType = head.ContentType;
        object.cacheControl = head.CacheControl;
        object.etag = normalizeETag(head.ETag) ?? object.etag;
      }),
    ),
  );
}

/**
 * An ETag without its quotes and weak marker: listings, HEAD and GET answers (and services) differ
 * in how they write the same tag, so tags are compared, and sent back, in this form.
 */
export function normalizeETag(etag: string | undefined): string | undefined {
  if (!etag) return undefined;
  return etag
    .trim()
    .replace(/^W\//i, '')
    .replace(/^"(.*)"$/, '$1');
}

/** The ETag and content hash of one object now, or undefined when it does not exist. */
export async function readCurrent(
  client: S3Client,
  location: S3Location,
  key: string,
): Promise<{ etag: string | undefined; sha256: string | undefined } | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.prefix + key }));
    return { etag: normalizeETag(head.ETag), sha256: head.Metadata?.[HASH_METADATA] };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw s3Failure(error, location, key, 'read');
  }
}

/** The text of one object and its ETag, or undefined when it does not exist. */
export async function readRemoteText(
  client: S3Client,
  location: S3Location,
  key: string,
): Promise<{ text: string; etag: string | undefined } | undefined> {
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.prefix + key }));
    return { text: (await object.Body?.transformToString('utf-8')) ?? '', etag: normalizeETag(object.ETag) };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw s3Failure(error, location, key, 'read');
  }
}

export function isNotFound(error: unknown): boolean {
  const sdk = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return sdk?.name === 'NoSuchKey' || sdk?.name === 'NotFound' || (sdk?.$metadata?.httpStatusCode === 404 && sdk.name !== 'NoSuchBucket');
}
