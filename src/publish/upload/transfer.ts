import { createReadStream } from 'node:fs';
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { s3Failure } from './errors.js';
import type { PlannedUpload } from './plan.js';
import { HASH_METADATA } from './remote.js';
import { withRetries } from './retry.js';
import type { S3Location } from './target.js';

/** Files above this go up in parts (episodes of an hour or more); below it, one PUT. */
const PART_BYTES = 8 * 1024 * 1024;

/** Uploads one file with its headers and content hash; a failed attempt leaves no parts behind. */
export async function uploadFile(client: S3Client, location: S3Location, upload: PlannedUpload): Promise<void> {
  await withRetries(
    async () => {
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
        },
        partSize: PART_BYTES,
        queueSize: 2,
        leavePartsOnError: false,
      });
      await transfer.done();
    },
    { attempts: 3 },
  ).catch((error: unknown) => {
    throw s3Failure(error, location, upload.key, 'upload');
  });
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
