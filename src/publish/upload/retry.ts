/**
 * A second line of retries around a whole upload. The SDK already retries each request; this
 * covers what it cannot: a multipart upload whose part gave up, or a stream body that could not
 * be replayed. Permission and configuration errors are not retried.
 */

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'InternalError',
  'ServiceUnavailable',
]);

export function isTransient(error: unknown): boolean {
  const sdk = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (!sdk) return false;
  const status = sdk.$metadata?.httpStatusCode;
  // 501 Not Implemented is an answer about the request, not a passing state of the service.
  if (status !== undefined && ((status >= 500 && status !== 501) || status === 429)) return true;
  if (sdk.$retryable) return true;
  return TRANSIENT_CODES.has(sdk.code ?? '') || TRANSIENT_NAMES.has(sdk.name ?? '');
}

export async function withRetries<T>(work: () => Promise<T>, options: { attempts: number; baseMs?: number }): Promise<T> {
  const base = options.baseMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= options.attempts || !isTransient(error)) throw error;
      // Full jitter: many runners failing together do not retry in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * base * 2 ** (attempt - 1)));
    }
  }
}
