/** A bucket and a key prefix, parsed from `s3://BUCKET/PREFIX/`. */
export interface S3Location {
  bucket: string;
  /** '' or a prefix ending in '/', so `prefix + relativePath` is the key. */
  prefix: string;
  /** The URL as users write it, with a trailing slash: `s3://news-audio/daily/`. */
  url: string;
}

export function isS3Url(value: string): boolean {
  return /^s3:\/\//i.test(value);
}

/** Parses an `s3://` URL already checked by the config schema. */
export function parseS3Url(value: string): S3Location {
  const rest = value.replace(/^s3:\/\//i, '');
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash + 1);
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  const prefix = trimmed ? `${trimmed}/` : '';
  return { bucket, prefix, url: `s3://${bucket}/${prefix}` };
}

/** `s3://bucket/prefix/key`, for messages. */
export function describeKey(location: S3Location, relative: string): string {
  return `s3://${location.bucket}/${location.prefix}${relative}`;
}
