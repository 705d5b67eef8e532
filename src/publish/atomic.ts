import { copyFile, open, readdir, rename, rm, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A temporary name beside `file`, so the final rename stays on one file system. */
export function temporaryPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `data` to `file` so that readers only ever see the old or the new content:
 * write a temporary file beside it, fsync, rename over, fsync the folder.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryPathFor(file);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/**
 * Moves an already written file into place atomically. Across file systems (a cache on
 * another disk) it is copied beside the target first, then renamed over it.
 */
export async function commitFile(temporary: string, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await rename(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const beside = temporaryPathFor(file);
    try {
      await copyFile(temporary, beside);
      const handle = await open(beside, 'r+');
      await handle.sync();
      await handle.close();
      await rename(beside, file);
    } finally {
      await rm(beside, { force: true });
    }
    await rm(temporary, { force: true });
  }
  await syncFolder(path.dirname(file));
}

const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** A temporary file (named by `temporaryPathFor`) whose writer no longer runs. */
function isStaleTemporary(name: string): boolean {
  const pid = Number(TEMPORARY.exec(name)?.[1]);
  return Boolean(pid) && pid !== process.pid && !isAlive(pid);
}

/**
 * Removes the temporary files of killed processes from the output folder and its episode
 * folders, so a build killed mid-publish leaves nothing behind once the next one publishes.
 * Files of running processes (a `feed` command, say) are left alone.
 */
export async function removeStaleTemporaries(outDir: string): Promise<void> {
  const entries = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const file = path.join(outDir, entry.name);
    if (entry.isFile() && isStaleTemporary(entry.name)) await rm(file, { force: true });
    if (!entry.isDirectory()) continue;
    for (const name of await readdir(file).catch(() => [] as string[])) {
      if (isStaleTemporary(name)) await rm(path.join(file, name), { force: true });
    }
  }
}

/**
 * A staging folder for large renders (episodes), outside the output folder so that even a
 * killed build leaves nothing half-written there. Files of processes that are gone are removed.
 */
export async function stagingFolder(cacheDir: string): Promise<string> {
  const folder = path.join(cacheDir, 'staging');
  await mkdir(folder, { recursive: true });
  for (const name of await readdir(folder)) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isAlive(pid)) await rm(path.join(folder, name), { force: true, recursive: true });
  }
  return folder;
}

export function stagingPath(folder: string, name: string): string {
  return path.join(folder, `${process.pid}-${randomBytes(4).toString('hex')}-${name}`);
}

/** Whether a process with this id still runs (EPERM: it does, but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems do not allow fsync on a directory; the rename is still atomic.
  }
}
