import path from 'node:path';
import type { Config } from '../config/schema.js';
import { isS3Url, parseS3Url } from '../publish/upload/target.js';
import { ClipCache } from './cache.js';

/**
 * The local folder clips (and staged renders) are kept in. For an s3:// cache it is the default
 * folder beside the config, filled from the bucket as clips are needed.
 */
export function localCacheDir(config: Config, configDir: string): string {
  const cacheDir = config.speech.cacheDir;
  return path.resolve(configDir, isS3Url(cacheDir) ? '.cache/audio-edition' : cacheDir);
}

/** The clip cache the config asks for; the S3 client loads only when the cache is in a bucket. */
export async function openClipCache(config: Config, configDir: string): Promise<ClipCache> {
  const local = localCacheDir(config, configDir);
  if (!isS3Url(config.speech.cacheDir)) return new ClipCache(local);
  const { S3CacheBackend } = await import('./cache-s3.js');
  return new ClipCache(local, new S3CacheBackend(parseS3Url(config.speech.cacheDir), config.publish));
}
