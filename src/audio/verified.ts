import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DamagedCacheError } from '../errors.js';

/**
 * Cached audio is checked where it is read, not where it is looked up: a rebuild that reuses a
 * segment never reads the clip it was made from, and one that reuses the episode reads no
 * segment at all, so neither pays for hashing files it does not use. Every byte that goes into
 * an encode or a join is checked against its entry's SHA-256 first.
 */

/** Files already checked in this process, with the checksum they matched. */
const checked = new Map<string, string>();

/** The file's bytes, or a DamagedCacheError when they are not what `sha256` says. */
export async function readVerified(file: string, sha256: string | undefined): Promise<Buffer> {
  const bytes = await readFile(file);
  if (sha256 === undefined || checked.get(file) === sha256) return bytes;
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new DamagedCacheError([file]);
  checked.set(file, sha256);
  return bytes;
}
