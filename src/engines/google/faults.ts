import { EngineError, redactSecrets, type ErrorLocation } from '../../errors.js';

/** gRPC status codes this file acts on (google.rpc.Code). */
export const Code = {
  CANCELLED: 1,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  UNIMPLEMENTED: 12,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** How RESOURCE_EXHAUSTED (quota) is retried: gax does not, because it is not idempotent-safe for every API. */
export interface QuotaRetrySettings {
  maxAttempts: number;
  initialDelayMs: number;
  multiplier: number;
  maxDelayMs: number;
}

export const DEFAULT_QUOTA_RETRY: QuotaRetrySettings = {
  maxAttempts: 8,
  initialDelayMs: 1000,
  multiplier: 2,
  // Quotas are per minute: waiting longer than that never helps.
  maxDelayMs: 60_000,
};

/**
 * Runs `call`, retrying RESOURCE_EXHAUSTED with exponential backoff and jitter. When the
 * service says how long to wait (google.rpc.RetryInfo), that wait is used instead, with a
 * little jitter so that parallel requests do not come back at the same instant.
 */
export async function retryOnQuota<T>(call: () => Promise<T>, settings: QuotaRetrySettings, signal?: AbortSignal): Promise<T> {
  let backoff = settings.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (errorCode(error) !== Code.RESOURCE_EXHAUSTED || attempt >= settings.maxAttempts) throw error;
      const advised = findRetryDelayMs(error);
      const wait = advised !== undefined ? advised * (1 + Math.random() * 0.2) : backoff / 2 + (Math.random() * backoff) / 2;
      await sleep(Math.min(wait, settings.maxDelayMs), signal);
      backoff = Math.min(backoff * settings.multiplier, settings.maxDelayMs);
    }
  }
}

export function errorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * The wait a google.rpc.RetryInfo detail asks for, in ms. Read from the decoded details when
 * gax decoded them, else from the raw `grpc-status-details-bin` trailer.
 */
export function findRetryDelayMs(error: unknown): number | undefined {
  const details = (error as { statusDetails?: unknown }).statusDetails;
  if (Array.isArray(details)) {
    for (const detail of details) {
      const delay = (detail as { retryDelay?: { seconds?: unknown; nanos?: unknown } } | null)?.retryDelay;
      if (delay) return Number(delay.seconds ?? 0) * 1000 + Number(delay.nanos ?? 0) / 1e6;
    }
  }
  const metadata = (error as { metadata?: { get?: (key: string) => unknown[] } }).metadata;
  const raw = metadata?.get?.('grpc-status-details-bin')?.[0];
  return Buffer.isBuffer(raw) ? readRetryInfo(raw) : undefined;
}

/** Just enough protobuf to read Status.details[].RetryInfo.retry_delay from the wire. */
function readRetryInfo(status: Buffer): number | undefined {
  for (const [field, any] of readFields(status)) {
    if (field !== 3 || !Buffer.isBuffer(any)) continue;
    const parts = new Map(readFields(any));
    const typeUrl = parts.get(1);
    const value = parts.get(2);
    if (!Buffer.isBuffer(typeUrl) || typeUrl.toString() !== RETRY_INFO_TYPE || !Buffer.isBuffer(value)) continue;
    const duration = new Map(readFields(value)).get(1);
    if (!Buffer.isBuffer(duration)) return 0;
    const fields = new Map(readFields(duration));
    return Number(fields.get(1) ?? 0) * 1000 + Number(fields.get(2) ?? 0) / 1e6;
  }
  return undefined;
}

function* readFields(buffer: Buffer): Generator<[number, Buffer | number]> {
  let offset = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = buffer[offset++];
      if (byte === undefined) throw new Error('truncated');
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  try {
    while (offset < buffer.length) {
      const key = varint();
      const wire = key % 8;
      const field = Math.floor(key / 8);
      if (wire === 0) yield [field, varint()];
      else if (wire === 2) {
        const length = varint();
        yield [field, buffer.subarray(offset, offset + length)];
        offset += length;
      } else if (wire === 1) offset += 8;
      else if (wire === 5) offset += 4;
      else return;
    }
  } catch {
    return;
  }
}

export interface FailureContext {
  voice?: string;
  endpoint: string;
  timeoutSeconds: number;
  location?: ErrorLocation;
}

/**
 * One readable line for a call that failed for good: what went wrong and what to do. The
 * service's own wording is kept for INVALID_ARGUMENT (it says which field), cut to one line
 * and stripped of anything that looks like a secret.
 */
export function toEngineError(error: unknown, context: FailureContext): EngineError {
  if (error instanceof EngineError) return error;
  const code = errorCode(error);
  const detail = describeDetail(error);
  const options = { location: context.location, cause: error };
  switch (code) {
    case Code.INVALID_ARGUMENT:
      return new EngineError(
        'E_GOOGLE_INVALID_ARGUMENT',
        `Google Text-to-Speech rejected the request${context.voice ? ` for voice "${context.voice}"` : ''}: ${detail}.`,
        {
          ...options,
          exitCode: 2,
          hint: /voice/i.test(detail)
            ? 'Pick a voice from `audio-edition voices --engine google` and set it in engines.google.voice or --voice.'
            : 'Fix the engines.google settings (or the text) the message names.',
        },
      );
    case Code.PERMISSION_DENIED:
      return new EngineError('E_GOOGLE_PERMISSION', `Google Text-to-Speech denied access: ${detail}.`, {
        ...options,
        hint: 'Enable the Cloud Text-to-Speech API for the project and make sure the credentials\u2019 account may use it.',
      });
    case Code.UNAUTHENTICATED:
      return new EngineError('E_GOOGLE_UNAUTHENTICATED', 'Google Text-to-Speech did not accept the credentials.', {
        ...options,
        hint: 'Run `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS or engines.google.keyFilename at a valid key file.',
      });
    case Code.RESOURCE_EXHAUSTED:
      return new EngineError('E_GOOGLE_QUOTA', 'Google Text-to-Speech quota is exhausted and did not recover while retrying.', {
        ...options,
        hint: 'Lower --concurrency, wait a minute and rebuild (finished clips are kept), or raise the quota in the Cloud console.',
      });
    case Code.UNAVAILABLE:
    case Code.DEADLINE_EXCEEDED:
      return new EngineError(
        'E_GOOGLE_UNREACHABLE',
        `Google Text-to-Speech at ${context.endpoint} did not answer within ${context.timeoutSeconds} s.`,
        {
          ...options,
          hint: 'Check the network and engines.google.apiEndpoint/port, or raise engines.google.timeoutSeconds; rebuilding keeps finished clips.',
        },
      );
    case Code.CANCELLED:
      return new EngineError('E_GOOGLE_CANCELLED', 'the Google Text-to-Speech request was cancelled.', options);
    default:
      if (code === undefined && isCredentialLookupFailure(error)) {
        return new EngineError('E_GOOGLE_CREDENTIALS', 'no usable Google credentials were found.', {
          ...options,
          hint: 'Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS or engines.google.keyFilename to a service account key file.',
        });
      }
      return new EngineError('E_GOOGLE_FAILED', `Google Text-to-Speech failed: ${detail}.`, {
        ...options,
        hint: 'Retry; if it persists, run `audio-edition doctor`.',
      });
  }
}

function isCredentialLookupFailure(error: unknown): boolean {
  const message = (error as Error | null)?.message ?? '';
  return /default credentials|credential|private key|client_email|key file|keyfile|ENOENT|invalid_grant/i.test(message);
}

/** The service's message, on one line, without secrets and without gax's retry history. */
function describeDetail(error: unknown): string {
  const raw = (error as { details?: unknown }).details;
  const message = typeof raw === 'string' && raw !== '' ? raw : ((error as Error | null)?.message ?? String(error));
  const oneLine = redactSecrets(message.replace(/ : Previous errors : .*$/s, ''))
    .replace(/^\d+ [A-Z_]+: /, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
  return oneLine.length > 300 ? `${oneLine.slice(0, 297)}...` : oneLine;
}
