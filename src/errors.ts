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

export function isAudioEditionError(error: unknown): error is AudioEditionError {
  return error instanceof AudioEditionError;
}
