import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** A file of output/ as it will be published: its key below the target prefix, size and hash. */
export interface LocalFile {
  /** Path relative to output/, with forward slashes; also the key below the prefix. */
  key: string;
  file: string;
  bytes: number;
  sha256: string;
}

/**
 * Every file of output/ that is published. Hidden names (the build lock, temporary files of a
 * write in progress, editor droppings) are never uploaded.
 */
export async function listLocalFiles(outDir: string): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  async function walk(folder: string, prefix: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const file = path.join(folder, entry.name);
      const key = `${prefix}${entry.name}`;
      if (entry.isDirectory()) await walk(file, `${key}/`);
      else if (entry.isFile()) files.push({ key, file, bytes: (await stat(file)).size, sha256: await hashFile(file) });
    }
  }
  await walk(outDir, '');
  return files;
}

/** A file not written yet (a dry run's merged store or feed), described by its future content. */
export function describeText(key: string, file: string, text: string): LocalFile {
  const data = Buffer.from(text, 'utf8');
  return { key, file, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
