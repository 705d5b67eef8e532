import { PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { s3Failure } from './errors.js';
import type { S3Location } from './target.js';

/**
 * Lets pages on any site fetch the manifest, transcripts and audio (with Range) from the
 * bucket, as the embedded player needs. Replaces the bucket's CORS rules. Any request header is
 * allowed: the rule grants only anonymous GET and HEAD of public objects, and a list (Range, …)
 * would fail the preflight of any page, script or browser that sends one header more.
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
              AllowedHeaders: ['*'],
              ExposeHeaders: ['Content-Range', 'Content-Length', 'Accept-Ranges', 'ETag'],
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
