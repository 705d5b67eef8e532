import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PublishConfig } from '../config/schema.js';
import { writeFileAtomic } from '../publish/atomic.js';
import { createS3Client } from '../publish/upload/client.js';
import { s3Failure } from '../publish/upload/errors.js';
import { isNotFound } from '../publish/upload/remote.js';
import type { S3Location } from '../publish/upload/target.js';
import type { CacheBackend } from './cache.js';

/**
 * The clip cache in a bucket (`speech.cacheDir: "s3://BUCKET/PREFIX/"`), so builds on fresh
 * machines reuse the clips of earlier runs. Entries are immutable (named by the hash of their
 * request), so a file found is a file complete; the metadata JSON is stored last and read first.
 */
export class S3CacheBackend implements CacheBackend {
  private readonly client: S3Client;

  constructor(
    private readonly location: S3Location,
    config: PublishConfig,
  ) {
    this.client = createS3Client(config);
  }

  async fetch(files: string[], localDir: string): Promise<boolean> {
    const bodies: Uint8Array[] = [];
    // The metadata first: without it the entry is incomplete, however much else is there.
    for (const name of [...files].reverse()) {
      const body = await this.read(name);
      if (!body) return false;
      bodies.unshift(body);
    }
    for (const [index, name] of files.entries()) await writeFileAtomic(path.join(localDir, name), bodies[index]!);
    return true;
  }

  async store(files: string[], localDir: string): Promise<void> {
    for (const name of files) {
      const body = await readFile(path.join(localDir, name));
      await this.client
        .send(
          new PutObjectCommand({
            Bucket: this.location.bucket,
            Key: this.location.prefix + name,
            Body: body,
            ContentType: 'application/octet-stream',
          }),
        )
        .catch((error: unknown) => {
          throw s3Failure(error, this.location, name, 'store the clip');
        });
    }
  }

  close(): void {
    this.client.destroy();
  }

  private async read(name: string): Promise<Uint8Array | undefined> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.location.prefix + name }));
      return await object.Body?.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw s3Failure(error, this.location, name, 'read the clip');
    }
  }
}
