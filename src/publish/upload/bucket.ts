import { HeadBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { ConfigError } from '../../errors.js';
import { s3Failure } from './errors.js';
import type { S3Location } from './target.js';

/** Fails early, before anything is read or written, when the bucket is missing or closed to us. */
export async function checkBucket(client: S3Client, location: S3Location): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: location.bucket }));
  } catch (error) {
    const sdk = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (sdk.name === 'NoSuchBucket' || sdk.name === 'NotFound' || sdk.$metadata?.httpStatusCode === 404) {
      throw new ConfigError(
        'E_PUBLISH_NO_BUCKET',
        `bucket "${location.bucket}" does not exist (publish.target ${location.url}).`,
        'Create the bucket, or fix publish.target (and publish.endpoint/region) in the config.',
      );
    }
    throw s3Failure(error, location, '', 'reach');
  }
}

/**
 * Lets pages on any site fetch the manifest, transcripts and audio (with Range) from the
 * bucket, as the embedded player needs. Replaces the bucket's CORS rules.
 */
export async function applyCors(client: S3Client, location: S3Location): Promise<void> {
  await client
    .send(
      new PutBucketCorsCommand({
        Bucket: location.bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: ['*'],
              AllowedMethods: ['GET', 'HEAD'],
              AllowedHeaders: ['Range', 'If-None-Match', 'If-Modified-Since'],
              ExposeHeaders: ['Content-Length', 'Content-Range', 'Accept-Ranges', 'ETag'],
              MaxAgeSeconds: 86400,
            },
          ],
        },
      }),
    )
    .catch((error: unknown) => {
      throw s3Failure(error, location, '', 'set the CORS rules of');
    });
}
