import type { Config } from '../config/schema.js';

/**
 * Every public URL, built one way: under `show.baseUrl`, where output/ is published. A base
 * without a trailing slash is taken as a folder, so relative paths resolve under it.
 */

export const FEED_FILE = 'feed.xml';

export function baseUrlOf(baseUrl: string): URL {
  return new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

/** The public URL of a file in output/, given by its path there (`<slug>/episode.mp3`). */
export function publicUrl(baseUrl: string, file: string): string {
  return new URL(file, baseUrlOf(baseUrl)).href;
}

export function feedUrlOf(config: Pick<Config, 'show'>): string {
  return publicUrl(config.show.baseUrl, FEED_FILE);
}

/** The published URLs of one episode. */
export function publicUrlsFor(baseUrl: string, slug: string): { feedUrl: string; playerUrl: string; manifestUrl: string; pageUrl: string } {
  const folder = encodeURIComponent(slug);
  return {
    feedUrl: publicUrl(baseUrl, FEED_FILE),
    playerUrl: publicUrl(baseUrl, 'player.js'),
    manifestUrl: publicUrl(baseUrl, `${folder}/manifest.json`),
    pageUrl: publicUrl(baseUrl, `${folder}/`),
  };
}

/** An absolute http(s) URL, or undefined: only these become links, feed URLs or artwork. */
export function parseHttpUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
