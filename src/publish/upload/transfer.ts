import { createReadStream } from 'node:fs';
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { isNotImplemented, isPreconditionFailed, s3Failure, writeConflict } from './errors.js';
import type { PlannedUpload } from './plan.js';
import { HASH_METADATA, readCurrent } from './remote.js';
import { withRetries } from './retry.js';
import type { S3Location } from './target.js';

/** Files above this go up in parts (episodes of an hour or more); below it, one PUT. */
const PART_BYTES = 8 * 1024 * 1024;

/**
 * A conditional write: replace the object only while it is still the one read (its normalized
 * ETag), or create it only while there is none. S3 and R2 refuse the write otherwise (412).
 */
export type WriteCondition = { ifMatch: string } | { ifNoneMatch: '*' };

/**
 * Uploads one file with its headers and content hash; a failed attempt leaves no parts behind.
 * With a condition, a service that refuses it makes this a write conflict, unless the object
 * already holds these very bytes (a retried request whose first try landed); a service that does
 * not implement conditional writes gets the plain upload, the caller's ETag check standing in.
 */
export async function uploadFile(client: S3Client, location: S3Location, upload: PlannedUpload, condition?: WriteCondition): Promise<void> {
  try {
    await withRetries(() => sendFile(client, location, upload, condition), { attempts: 3 });
  } catch (error) {
    if (condition && isNotImplemented(error)) return uploadFile(client, location, upload);
    if (condition && isPreconditionFailed(error)) {
      const now = await readCurrent(client, location, upload.key);
      if (now?.sha256 === upload.sha256) return;
      throw writeConflict(location, upload.key);
    }
    throw s3Failure(error, location, upload.key, 'upload');
  }
}

async function sendFile(
  client: S3Client,
  location: S3Location,
  upload: PlannedUpload,
  condition: WriteCondition | undefined,
): Promise<void> {
  const transfer = new Upload({
    client,
    params: {
      Bucket: location.bucket,
      Key: location.prefix + upload.key,
      Body: createReadStream(upload.file),
      ContentType: upload.headers.contentType,
      CacheControl: upload.headers.cacheControl,
      ContentLength: upload.bytes,
      Metadata: { [HASH_METADATA]: upload.sha256 },
      // HTTP wants the entity tag quoted; lib-storage passes these on to a multipart completion too.
      ...(condition && 'ifMatch' in condition ? { IfMatch: `"${condition.ifMatch}"` } : {}),
      ...(condition && 'ifNoneMatch' in condition ? { IfNoneMatch: condition.ifNoneMatch } : {}),
    },
    partSize: PART_BYTES,
    queueSize: 2,
    leavePartsOnError: false,
  });
  await transfer.done();
}

/**
 * Deletes one object. One request per key rather than DeleteObjects: that call requires a
 * checksum header that S3-compatible services disagree on, and deletions are few.
 */
export async function deleteObject(client: S3Client, location: S3Location, key: string): Promise<void> {
  await withRetries(() => client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: location.prefix + key })), {
    attempts: 3,
  }).catch((error: unknown) => {
    throw s3Failure(error, location, key, 'delete');
  });
}
