import { AudioEditionError, ConfigError, RuntimeError } from '../../errors.js';
import { describeKey, type S3Location } from './target.js';

/**
 * S3 failures as one line naming the bucket and key and what to do. A bucket that does not
 * exist is a configuration mistake (exit 2); everything else is a runtime failure (exit 1).
 * Messages never include request signatures or credentials, only the SDK's error name.
 */

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function s3Failure(error: unknown, location: S3Location, relative: string, action: string): AudioEditionError {
  if (error instanceof AudioEditionError) return error;
  const sdk = (error ?? {}) as SdkError;
  const status = sdk.$metadata?.httpStatusCode;
  // Answers to HEAD have no body, so the SDK names them after the status alone.
  const name = !sdk.name || sdk.name === 'Unknown' || /^\d+$/.test(sdk.name) ? (status ? `HTTP ${status}` : 'Error') : sdk.name;
  const where = describeKey(location, relative);
  if (name === 'NoSuchBucket') {
    return new ConfigError(
      'E_PUBLISH_NO_BUCKET',
      `bucket "${location.bucket}" does not exist (${action} ${where}).`,
      'Create it, or fix publish.target (and publish.endpoint/region) in the config.',
    );
  }
  if (name === 'CredentialsProviderError' || (/credential/i.test(sdk.message ?? '') && !status)) {
    return new RuntimeError(
      'E_PUBLISH_CREDENTIALS',
      `no AWS credentials found to ${action} ${where}.`,
      'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or run where a role provides them.',
      error,
    );
  }
  if (
    ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'Forbidden', 'ExpiredToken', 'InvalidToken'].includes(name) ||
    status === 403
  ) {
    return new RuntimeError(
      'E_PUBLISH_DENIED',
      `access denied to ${action} ${where} (${name}).`,
      'Check the credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE) and that they may read, write and list this bucket and prefix.',
      error,
    );
  }
  const network = sdk.code ?? name;
  return new RuntimeError(
    'E_PUBLISH_NETWORK',
    `could not ${action} ${where} (${network}${sdk.message && !status ? `: ${firstLine(sdk.message)}` : ''}).`,
    'Check the network and publish.endpoint, then run publish again: it resumes where it stopped, and the published feed was left as it was.',
    error,
  );
}

/**
 * One writer per feed: feed.xml or episodes.json changed in the bucket since this publish read
 * it, so another run published meanwhile, and writing ours would drop that run's episode.
 */
export function writeConflict(location: S3Location, relative: string): RuntimeError {
  return new RuntimeError(
    'E_PUBLISH_CONFLICT',
    `${describeKey(location, relative)} changed in the bucket since this publish read it; it was not overwritten.`,
    'Another run publishes to this feed, and there should be one writer per feed: let one job publish it, then run publish again (it reads the new state first).',
  );
}

/** A conditional write refused because the object is no longer the one read (412, or 409 for two at once). */
export function isPreconditionFailed(error: unknown): boolean {
  const sdk = (error ?? {}) as SdkError;
  const status = sdk.$metadata?.httpStatusCode;
  return status === 412 || sdk.name === 'PreconditionFailed' || sdk.name === 'ConditionalRequestConflict';
}

/** A service that does not implement a header it was sent (S3 before conditional writes answered 501). */
export function isNotImplemented(error: unknown): boolean {
  const sdk = (error ?? {}) as SdkError;
  return sdk.$metadata?.httpStatusCode === 501 || sdk.name === 'NotImplemented';
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 200);
}
