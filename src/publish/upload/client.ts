import { S3Client } from '@aws-sdk/client-s3';
import type { PublishConfig } from '../../config/schema.js';

/**
 * The S3 client for the publish target (and an s3:// clip cache). Credentials come from the
 * SDK's default chain (environment, shared profile, SSO, container and instance roles); this
 * code never reads, holds or prints them.
 */
export function createS3Client(config: Pick<PublishConfig, 'endpoint' | 'region' | 'forcePathStyle' | 'maxAttempts'>): S3Client {
  return new S3Client({
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    // The SDK refuses to start without a region; AWS S3 answers a wrong one with a redirect,
    // which `followRegionRedirects` follows. S3-compatible services take "auto" or any value.
    region: config.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    followRegionRedirects: !config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // 5xx, throttling (503 SlowDown), timeouts and dropped connections are retried with
    // exponential backoff and jitter; `maxAttempts` counts the first try.
    retryMode: 'standard',
    maxAttempts: config.maxAttempts,
    // Checksums only where the API requires them: several S3-compatible services reject the
    // streaming CRC trailers the SDK otherwise adds to every upload.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
}
