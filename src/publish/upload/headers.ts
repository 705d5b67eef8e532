import type { PublishConfig } from '../../config/schema.js';
import { contentTypeFor } from '../content-type.js';

/**
 * What changes every morning (the feed, the store, manifests, listen pages, the player) is
 * cached briefly, so listeners see a new episode within minutes; audio, transcripts and chapters
 * change only when an edition is corrected, and are cached longer.
 */
const SHORT = [/^feed\.xml$/, /^episodes\.json$/, /^player\.js$/, /(^|\/)manifest\.json$/, /\.html$/];

export interface ObjectHeaders {
  contentType: string;
  cacheControl: string;
}

export function headersFor(key: string, config: Pick<PublishConfig, 'cacheControl'>): ObjectHeaders {
  const short = SHORT.some((pattern) => pattern.test(key));
  const seconds = short ? config.cacheControl.short : config.cacheControl.long;
  return { contentType: contentTypeFor(key), cacheControl: `public, max-age=${seconds}` };
}
