import { setMaxListeners } from 'node:events';

/**
 * Ctrl-C (SIGINT) and SIGTERM during a command that works for a while. The first signal asks the
 * library to stop through an AbortSignal: it stops its workers and ffmpeg processes, removes its
 * temporary files and leaves published files whole, then the command ends with one line saying
 * what was and was not done, and exit code 130 (SIGINT) or 143 (SIGTERM), as a shell reports a
 * process the signal ended. A second signal, while that clean-up runs, exits at once.
 */

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type StopSignal = keyof typeof EXIT_CODES;

/** A command that stopped because it was asked to: `main` prints its message and exits with its code. */
export class Interrupted extends Error {
  readonly exitCode: number;

  constructor(
    readonly signal: StopSignal,
    message: string,
  ) {
    super(message);
    this.name = 'Interrupted';
    this.exitCode = EXIT_CODES[signal];
  }
}

/**
 * Runs `work` with a signal that aborts on SIGINT or SIGTERM. If one came, it throws
 * `Interrupted` with `explain()` once `work` has settled, whether `work` finished or failed (it
 * fails because it was stopped), so nothing is printed as if the command had run to its end.
 */
export async function untilInterrupted<T>(work: (signal: AbortSignal) => Promise<T>, explain: () => string): Promise<T> {
  const controller = new AbortController();
  // Every request, worker job and ffmpeg process in flight listens to it: more than Node's default ten.
  setMaxListeners(0, controller.signal);
  let received: StopSignal | undefined;
  const stop = (name: StopSignal): void => {
    if (received) {
      process.stderr.write(`${clearLine()}interrupted again: stopped at once, without waiting for the clean-up.\n`);
      process.exit(EXIT_CODES[name]);
    }
    received = name;
    controller.abort(Object.assign(new Error(`interrupted by ${name}`), { name: 'AbortError' }));
  };
  const onInterrupt = () => stop('SIGINT');
  const onTerminate = () => stop('SIGTERM');
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  let result: T;
  try {
    result = await work(controller.signal);
  } catch (error) {
    if (received) throw new Interrupted(received, explain());
    throw error;
  } finally {
    // Once stopped, the handlers stay: a second signal while the process winds down exits at once.
    if (!received) {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onTerminate);
    }
  }
  if (received) throw new Interrupted(received, explain());
  return result;
}

/** On a terminal, the progress line the message replaces (and the `^C` echoed after it). */
export function clearLine(): string {
  return process.stderr.isTTY ? '\r\x1b[2K' : '';
}
