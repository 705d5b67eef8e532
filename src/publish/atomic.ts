import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { toDiskError } from '../errors.js';

/** A temporary name beside `file`, so the final rename stays on one file system. */
export function temporaryPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `data` to `file` so that readers only ever see the old or the new content:
 * write a temporary file beside it, fsync, rename over, fsync the folder.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await makeFolder(path.dirname(file));
  const temporary = await stageFile(file, data);
  await renameStaged([{ temporary, file }]);
}

/**
 * Moves an already written file into place atomically. Across file systems (a cache on
 * another disk) it is copied beside the target first, then renamed over it.
 */
export async function commitFile(temporary: string, file: string): Promise<void> {
  await makeFolder(path.dirname(file));
  const staged = await stageMove(temporary, file);
  await renameStaged([{ temporary: staged, file }]);
}

/** One file of a folder being published: its content, or a finished file to move in. */
export type FolderEntry = { name: string; data: string | Uint8Array } | { name: string; from: string };

/**
 * Publishes a folder's files together: every file is written in full (where a full disk shows)
 * before any is renamed into place, so a failure leaves the folder exactly as it was. A folder
 * that does not exist yet is assembled under a temporary name and renamed into place whole, so
 * nobody ever sees it empty or half filled.
 */
export async function publishFolder(folder: string, entries: FolderEntry[]): Promise<void> {
  await makeFolder(path.dirname(folder));
  const exists = await stat(folder).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!exists) {
    const assembly = temporaryPathFor(folder);
    try {
      await makeFolder(assembly, folder);
      for (const entry of entries) {
        const file = path.join(assembly, entry.name);
        const shownAs = path.join(folder, entry.name);
        const staged = 'data' in entry ? await stageFile(file, entry.data, shownAs) : await stageMove(entry.from, file, shownAs);
        await rename(staged, file);
      }
      await rename(assembly, folder);
    } catch (error) {
      await rm(assembly, { recursive: true, force: true });
      throw error;
    }
    await syncFolder(path.dirname(folder));
    return;
  }
  const staged: Array<{ temporary: string; file: string }> = [];
  try {
    for (const entry of entries) {
      const file = path.join(folder, entry.name);
      staged.push({ file, temporary: 'data' in entry ? await stageFile(file, entry.data) : await stageMove(entry.from, file) });
    }
  } catch (error) {
    await Promise.all(staged.map((item) => rm(item.temporary, { force: true })));
    throw error;
  }
  await renameStaged(staged);
}

/** Renames staged files over their targets, then makes the renames durable. */
export async function renameStaged(staged: Array<{ temporary: string; file: string }>): Promise<void> {
  for (const item of staged) await rename(item.temporary, item.file);
  for (const folder of new Set(staged.map((item) => path.dirname(item.file)))) await syncFolder(folder);
}

/**
 * Writes `data` in full to a temporary file beside `file` and fsyncs it; returns its path.
 * A full or read-only disk is reported against `shownAs` (default `file`), with the size needed.
 */
export async function stageFile(file: string, data: string | Uint8Array, shownAs = file): Promise<string> {
  const temporary = temporaryPathFor(file);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temporary;
  } catch (error) {
    await rm(temporary, { force: true });
    throw toDiskError(error, { file: shownAs, bytes: Buffer.byteLength(data) }) ?? error;
  }
}

/** Moves a finished file to a temporary name beside `file`: a rename, or a copy across disks. */
async function stageMove(source: string, file: string, shownAs = file): Promise<string> {
  const temporary = temporaryPathFor(file);
  try {
    await rename(source, temporary);
    return temporary;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw toDiskError(error, { file: shownAs }) ?? error;
  }
  try {
    await copyFile(source, temporary);
    const handle = await open(temporary, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(temporary, { force: true });
    const bytes = await stat(source).then(
      (info) => info.size,
      () => undefined,
    );
    throw toDiskError(error, { file: shownAs, bytes }) ?? error;
  }
  await rm(source, { force: true });
  return temporary;
}

/** mkdir -p, with a read-only or full disk reported as such. */
async function makeFolder(folder: string, shownAs = folder): Promise<void> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw toDiskError(error, { file: shownAs }) ?? error;
  }
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
    if (isStaleTemporary(entry.name)) {
      // A file being renamed into place, or an episode folder being assembled.
      await rm(file, { recursive: true, force: true });
      continue;
    }
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
