import { PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3Failure } from './errors.js';
import type { S3Location } from './target.js';

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
