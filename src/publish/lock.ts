import { open, readFile, rm, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { RuntimeError, toDiskError } from '../errors.js';
import { isAlive, removeStaleTemporaries } from './atomic.js';

/**
 * An exclusive lock on an output folder, held while a build publishes (renames files,
 * updates the store and the feed), so two builds never interleave their writes. A lock
 * left by a process that no longer runs, or older than `staleAfterMs`, is taken over.
 */

const LOCK_NAME = '.audio-edition.lock';

export async function withOutputLock<T>(
  outDir: string,
  work: () => Promise<T>,
  options: {
    timeoutMs?: number;
    staleAfterMs?: number;
    /** Stops waiting for another holder (rejecting with its reason); once the lock is taken, `work` runs to its end. */
    signal?: AbortSignal;
  } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
  const file = path.join(outDir, LOCK_NAME);
  await mkdir(outDir, { recursive: true }).catch((error: unknown) => {
    throw toDiskError(error, { file: outDir }) ?? error;
  });
  const deadline = Date.now() + timeoutMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 500)) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, since: Date.now() }));
      } catch (error) {
        // A disk too full for the lock's few bytes must not leave an empty lock behind.
        await handle.close();
        await rm(file, { force: true });
        throw error;
      }
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw toDiskError(error, { file: outDir }) ?? error;
      const holder = await readHolder(file);
      const abandoned = holder.pid === undefined ? Date.now() - holder.since > 5000 : !isAlive(holder.pid);
      if (abandoned || Date.now() - holder.since > staleAfterMs) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new RuntimeError(
          'E_LOCKED',
          `another build (pid ${holder.pid}) is publishing into ${outDir}.`,
          'Wait for it to finish, or remove the lock file if no build is running.',
        );
      }
      options.signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  try {
    await removeStaleTemporaries(outDir);
    return await work();
  } finally {
    await rm(file, { force: true });
  }
}

/** The lock's holder; a lock without a readable pid (being written, or torn) is judged by its age. */
async function readHolder(file: string): Promise<{ pid: number | undefined; since: number }> {
  try {
    const holder = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown; since?: unknown };
    if (typeof holder.pid === 'number' && holder.pid > 0 && typeof holder.since === 'number')
      return { pid: holder.pid, since: holder.since };
  } catch {
    // fall through
  }
  try {
    return { pid: undefined, since: (await stat(file)).mtimeMs };
  } catch {
    return { pid: undefined, since: 0 };
  }
}
