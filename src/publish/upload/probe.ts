import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { PublishConfig } from '../../config/schema.js';
import { isAudioEditionError } from '../../errors.js';
import { createS3Client } from './client.js';
import { s3Failure } from './errors.js';
import type { S3Location } from './target.js';

/** Hidden from `publish` (which skips dot-folders), so a probe never shows up in a listing or a delete. */
export const PROBE_FOLDER = '.audio-edition-doctor/';

export type ProbeResult = { ok: true; detail: string } | { ok: false; stage: 'credentials' | 'reach' | 'write'; detail: string };

/**
 * Whether a bucket prefix is usable, changing nothing published: the SDK's credential chain
 * resolves (the values are never shown), the prefix can be listed, and a uniquely named probe
 * object under `.audio-edition-doctor/` can be written and deleted again.
 */
export async function probeLocation(location: S3Location, config: PublishConfig): Promise<ProbeResult> {
  const client = createS3Client(config);
  try {
    try {
      await client.config.credentials();
    } catch {
      return {
        ok: false,
        stage: 'credentials',
        detail: 'no AWS credentials found (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or a role)',
      };
    }
    try {
      await client.send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: location.prefix || undefined, MaxKeys: 1 }));
    } catch (error) {
      return { ok: false, stage: 'reach', detail: describe(error, location, '', 'list') };
    }
    const key = `${PROBE_FOLDER}${process.pid}-${randomBytes(6).toString('hex')}`;
    try {
      await client.send(
        new PutObjectCommand({ Bucket: location.bucket, Key: location.prefix + key, Body: 'audio-edition doctor probe\n' }),
      );
      await client.send(new DeleteObjectCommand({ Bucket: location.bucket, Key: location.prefix + key }));
    } catch (error) {
      return { ok: false, stage: 'write', detail: describe(error, location, key, 'write') };
    }
    return { ok: true, detail: `${location.url} is reachable and writable (a probe object was written and deleted)` };
  } finally {
    client.destroy();
  }
}

function describe(error: unknown, location: S3Location, key: string, action: string): string {
  const failure = s3Failure(error, location, key, action);
  return isAudioEditionError(failure) ? failure.toLine() : String(error);
}
