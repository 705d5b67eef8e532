import path from 'node:path';

/** Content types of the published files, with a charset for text (served by `serve`, set on upload by `publish`). */
const TYPES: Record<string, string> = {
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** The Content-Type a CDN should send; the feed gets the RSS type podcast apps expect. */
export function contentTypeFor(file: string): string {
  if (path.basename(file) === 'feed.xml') return 'application/rss+xml; charset=utf-8';
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
