import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir` (relative path → size, mtime and content hash), to prove nothing changed. */
export type FolderSnapshot = Record<string, { size: number; mtimeMs: number; sha256: string }>;

export async function snapshotFolder(dir: string, options: { ignore?: (relative: string) => boolean } = {}): Promise<FolderSnapshot> {
  const snapshot: FolderSnapshot = {};
  async function walk(folder: string): Promise<void> {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const file = path.join(folder, name);
      const relative = path.relative(dir, file);
      if (options.ignore?.(relative)) continue;
      const info = await lstat(file);
      if (info.isDirectory()) {
        snapshot[`${relative}/`] = { size: 0, mtimeMs: 0, sha256: '' };
        await walk(file);
      } else {
        const bytes = info.isFile() ? await readFile(file) : Buffer.alloc(0);
        snapshot[relative] = { size: info.size, mtimeMs: info.mtimeMs, sha256: createHash('sha256').update(bytes).digest('hex') };
      }
    }
  }
  await walk(dir);
  return snapshot;
}
