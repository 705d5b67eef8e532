/**
 * Errors that users cause or can fix carry a stable code and a hint saying what to do.
 * The CLI maps them to exit codes; anything else is a bug and is reported as one.
 */

export interface ErrorLocation {
  file?: string;
  article?: string;
  paragraph?: string;
}

export class AudioEditionError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: 1 | 2;
  readonly location: ErrorLocation;

  constructor(code: string, message: string, options: { hint?: string; exitCode?: 1 | 2; location?: ErrorLocation; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 2;
    this.location = options.location ?? {};
  }

  /** One readable line: where, what, and what to do. */
  toLine(): string {
    const where = [this.location.file, this.location.article, this.location.paragraph].filter(Boolean).join(', ');
    const hint = this.hint ? ` ${this.hint}` : '';
    return `${where ? `${where}: ` : ''}${this.message}${hint}`;
  }
}

/** Bad usage: unknown flags, wrong arguments. Exit 2. */
export class UsageError extends AudioEditionError {
  constructor(message: string, hint?: string) {
    super('E_USAGE', message, { hint, exitCode: 2 });
  }
}

/** An edition file that cannot be read or holds nothing to read. Exit 2. */
export class EditionError extends AudioEditionError {
  constructor(code: string, file: string, message: string, hint?: string, cause?: unknown) {
    super(code, message, { hint, exitCode: 2, location: { file }, cause });
  }
}

/** Invalid or unreadable configuration. Exit 2. */
export class ConfigError extends AudioEditionError {
  constructor(code: string, message: string, hint?: string, file?: string) {
    super(code, message, { hint, exitCode: 2, location: file ? { file } : {} });
  }
}

/**
 * A speech engine failed. Exit 1 for runtime failures (network, quota, crash),
 * exit 2 when the request itself is wrong (unknown voice, invalid argument).
 */
export class EngineError extends AudioEditionError {
  constructor(code: string, message: string, options: { hint?: string; exitCode?: 1 | 2; location?: ErrorLocation; cause?: unknown } = {}) {
    super(code, message, { exitCode: 1, ...options });
  }
}

/** ffmpeg, disk and other runtime failures. Exit 1. */
export class RuntimeError extends AudioEditionError {
  constructor(code: string, message: string, hint?: string, cause?: unknown) {
    super(code, message, { hint, exitCode: 1, cause });
  }
}

/**
 * A disk that is full, over quota, read-only or not ours to write: a runtime failure (exit 1)
 * naming the path, how much was needed when that is known, and what to do. Never a bug.
 */
export class DiskError extends AudioEditionError {
  constructor(code: string, file: string, message: string, hint: string, cause?: unknown) {
    super(code, message, { hint, exitCode: 1, location: { file }, cause });
  }
}

const ELSEWHERE = 'build into a folder on another disk (-o for episodes, speech.cacheDir for the clip cache)';

/** What each disk failure means to an editor, and what to do about it. */
const DISK_FAILURES: Record<string, { code: string; problem: string; hint: (needed: string | undefined) => string }> = {
  ENOSPC: {
    code: 'E_DISK_FULL',
    problem: 'no space left on the disk',
    hint: (needed) => `Free ${needed ? `at least ${needed}` : 'some space'} there, or ${ELSEWHERE}.`,
  },
  EDQUOT: {
    code: 'E_DISK_QUOTA',
    problem: 'the disk quota is used up',
    hint: (needed) => `Free ${needed ? `at least ${needed}` : 'some space'} of your quota there, or ${ELSEWHERE}.`,
  },
  EROFS: {
    code: 'E_DISK_READ_ONLY',
    problem: 'the file system is read-only',
    hint: () => `Remount it writable, or ${ELSEWHERE}.`,
  },
  EACCES: {
    code: 'E_DISK_PERMISSION',
    problem: 'permission denied',
    hint: () => `Make it writable for this user, or ${ELSEWHERE}.`,
  },
  EPERM: {
    code: 'E_DISK_PERMISSION',
    problem: 'operation not permitted',
    hint: () => `Make it writable for this user, or ${ELSEWHERE}.`,
  },
  EIO: {
    code: 'E_DISK_IO',
    problem: 'the disk reported an input/output error',
    hint: () => 'Check the disk, then run the build again.',
  },
};

/** `1.9 MB`, `340 KB`: sizes as an editor reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}

/** A temporary name (`.episode.mp3.123.0a1b2c3d.tmp`) stands for the file it becomes. */
function targetOf(file: string): string {
  return file.replace(/(^|[\\/])\.([^\\/]+)\.\d+\.[0-9a-f]{8}\.tmp$/, '$1$2');
}

/**
 * The DiskError for an `ENOSPC`, `EROFS`, … from the file system, or undefined for anything else.
 * `file` names what was being written (else the error's own path); `bytes`, how much it needed.
 */
export function toDiskError(error: unknown, context: { file?: string; bytes?: number } = {}): DiskError | undefined {
  if (error instanceof DiskError) return error;
  const errno = error as NodeJS.ErrnoException & { dest?: string };
  const failure = typeof errno?.code === 'string' ? DISK_FAILURES[errno.code] : undefined;
  if (!failure) return undefined;
  const file = context.file ?? targetOf(errno.dest ?? errno.path ?? 'the output folder');
  const needed = context.bytes === undefined || !['ENOSPC', 'EDQUOT'].includes(errno.code!) ? undefined : formatBytes(context.bytes);
  const message = `${failure.problem}${needed ? ` (${needed} needed)` : ''}.`;
  return new DiskError(failure.code, file, message, failure.hint(needed), error);
}

export function isAudioEditionError(error: unknown): error is AudioEditionError {
  return error instanceof AudioEditionError;
}

/** Secrets that come from the environment: should a library ever echo one, it is cut out too. */
const SECRET_VARIABLES = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];

/**
 * Removes credentials from a message before it is shown anywhere: PEM private keys (a cut-off
 * one too), key-file fields, bearer tokens, and the values of the secret environment variables.
 */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let clean = text
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '[redacted private key]')
    .replace(/("?(private_key|private_key_id|client_secret|refresh_token|access_token)"?\s*[:=]\s*)"[^"]*"?/gi, '$1"[redacted]"')
    .replace(/\b(Bearer|ya29)\.?\s*[A-Za-z0-9._~+/-]{10,}/g, '[redacted token]');
  for (const name of SECRET_VARIABLES) {
    const secret = env[name];
    if (secret && secret.length >= 8) clean = clean.split(secret).join('[redacted]');
  }
  return clean;
}

/**
 * Files of the cache whose bytes are not what their entry's checksum says (changed or cut short
 * on disk). Never shown to a user: the pipeline forgets those entries and makes them again.
 */
export class DamagedCacheError extends Error {
  constructor(readonly files: string[]) {
    super(`damaged in the cache: ${files.join(', ')}`);
    this.name = 'DamagedCacheError';
  }
}

/**
 * The outcome of work that was let finish: the first failure that is not a damaged cache file,
 * else every damaged file at once (so all of them are made again in one go), else the values.
 */
export async function settleAll<T>(work: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failures = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  const other = failures.find((failure) => !(failure instanceof DamagedCacheError));
  if (other !== undefined) throw other;
  if (failures.length > 0) throw new DamagedCacheError(failures.flatMap((failure) => (failure as DamagedCacheError).files));
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}
