import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Config } from '../config/schema.js';
import { ConfigError, UsageError } from '../errors.js';
import { writeFileAtomic } from '../publish/atomic.js';
import { renderFeedOnDisk } from '../publish/feed.js';
import { FEED_FILE } from '../publish/urls.js';
import { withOutputLock } from '../publish/lock.js';
import { parseStore, readStore, STORE_FILE, storePath, type Store } from '../publish/store.js';
import { applyCors } from '../publish/upload/cors.js';
import { createS3Client } from '../publish/upload/client.js';
import { writeConflict } from '../publish/upload/errors.js';
import { describeText, listLocalFiles, type LocalFile } from '../publish/upload/local.js';
import { mergeStores } from '../publish/upload/merge-store.js';
import { planUpload, STAGES, type PlannedUpload, type UploadPlan } from '../publish/upload/plan.js';
import { listRemoteObjects, readCurrent, readRemoteDetails, readRemoteText, type RemoteObject } from '../publish/upload/remote.js';
import { describeKey, isS3Url, parseS3Url, type S3Location } from '../publish/upload/target.js';
import { deleteObject, uploadFile, type WriteCondition } from '../publish/upload/transfer.js';

/**
 * `publish`: read what the bucket holds, bring the local store and feed up to date with it,
 * plan, then upload stage by stage with feed.xml last and deletions after it. The bucket's
 * previous feed stays in place, naming only files that exist, until the very last upload.
 */

export interface PublishOptions {
  config: Config;
  /** Relative paths in the config resolve against this folder. */
  configDir: string;
  outDir: string;
  dryRun?: boolean;
  delete?: boolean;
  cors?: boolean;
  onEvent?: (event: PublishEvent) => void;
  /**
   * Stops the publish: no upload or deletion starts after it, those under way finish (each object
   * is replaced whole or not at all), and it rejects with the signal's reason. feed.xml goes up
   * last, so the bucket keeps serving its previous feed, naming only files it has.
   */
  signal?: AbortSignal;
}

export type PublishEvent =
  | { type: 'plan'; uploads: number; unchanged: number; deletes: number }
  | { type: 'upload'; key: string; bytes: number; done: number; total: number }
  | { type: 'delete'; key: string };

export interface PublishResult {
  target: string;
  dryRun?: true;
  uploaded: string[];
  unchanged: number;
  deleted: string[];
  bytes: number;
  cors?: 'applied';
}

export async function publishOutput(options: PublishOptions): Promise<PublishResult> {
  const { config } = options;
  const location = publishLocation(config);
  await checkOutputFolder(options.outDir);
  const client = createS3Client(config.publish);
  const emit = options.onEvent ?? (() => {});
  try {
    const remote = await listRemoteObjects(client, location);
    const published = await readRemoteText(client, location, STORE_FILE);
    const read = { feed: remote.get(FEED_FILE)?.etag, store: published?.etag };
    options.signal?.throwIfAborted();
    const plan = await withOutputLock(
      options.outDir,
      async () => {
        const remoteStore = published ? parseStore(published.text, describeKey(location, STORE_FILE)) : undefined;
        const { store: merged, pending } = await catchUpWithBucket(options.outDir, config, remote, remoteStore, options.dryRun === true);
        const files = withPendingFiles(await listLocalFiles(options.outDir), pending, options.outDir);
        await readRemoteDetails(client, location, sameSizeObjects(files, remote), config.publish.concurrency);
        const keep = keepRule(files, merged, config, location);
        return planUpload(files, remote, { config: config.publish, delete: options.delete === true, keep });
      },
      { signal: options.signal },
    );
    emit({ type: 'plan', uploads: plan.uploads.length, unchanged: plan.unchanged.length, deletes: plan.deletes.length });
    const result: PublishResult = {
      target: location.url,
      ...(options.dryRun ? { dryRun: true as const } : {}),
      uploaded: plan.uploads.map((upload) => upload.key),
      unchanged: plan.unchanged.length,
      deleted: plan.deletes,
      bytes: plan.uploads.reduce((sum, upload) => sum + upload.bytes, 0),
      ...(options.cors && !options.dryRun ? { cors: 'applied' as const } : {}),
    };
    if (options.dryRun) return result;
    options.signal?.throwIfAborted();
    if (options.cors) await applyCors(client, location);
    await runPlan(plan, { client, location, concurrency: config.publish.concurrency, read, emit, signal: options.signal });
    return result;
  } finally {
    client.destroy();
  }
}

export function publishLocation(config: Config): S3Location {
  if (!config.publish.target) {
    throw new ConfigError(
      'E_PUBLISH_TARGET',
      'publish.target is not set.',
      'Add "publish": { "target": "s3://BUCKET/PREFIX/" } to the config.',
    );
  }
  return parseS3Url(config.publish.target);
}

async function checkOutputFolder(outDir: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(
      `${outDir} is not a folder: there is nothing to publish.`,
      'Build an edition first, or pass the output folder with -o.',
    );
  }
}

/**
 * A fresh runner's output/ holds only today's episode. The bucket's store fills in the earlier
 * ones, and the feed is rendered counting the files the bucket already has, so it keeps every
 * earlier episode with its GUID. Rendering is deterministic: unchanged inputs give the same bytes.
 * Both are written to output/ (so it mirrors what is published), except in a dry run, which
 * returns them for planning and writes nothing.
 */
async function catchUpWithBucket(
  outDir: string,
  config: Config,
  remote: Map<string, RemoteObject>,
  remoteStore: Store | undefined,
  dryRun: boolean,
): Promise<{ store: Store; pending: { key: string; text: string }[] }> {
  const local = await readStore(outDir);
  const hasStore = await stat(storePath(outDir)).then(
    () => true,
    () => false,
  );
  if (!hasStore && !remoteStore) return { store: local, pending: [] };
  const merged = remoteStore ? mergeStores(local, remoteStore) : local;
  const { xml } = await renderFeedOnDisk(outDir, merged, config, async (file) => {
    const info = await stat(path.join(outDir, file)).catch(() => undefined);
    return info?.isFile() ? info.size : remote.get(file)?.bytes;
  });
  const files = [
    { key: STORE_FILE, text: `${JSON.stringify(merged, null, 2)}\n` },
    { key: FEED_FILE, text: xml },
  ];
  const changed: { key: string; text: string }[] = [];
  for (const file of files) {
    const now = await readFile(path.join(outDir, file.key), 'utf8').catch(() => undefined);
    if (now !== file.text) changed.push(file);
  }
  if (dryRun) return { store: merged, pending: changed };
  for (const file of changed) await writeFileAtomic(path.join(outDir, file.key), file.text);
  return { store: merged, pending: [] };
}

/** The local files as they will be once a dry run's pending writes are made. */
function withPendingFiles(files: LocalFile[], pending: { key: string; text: string }[], outDir: string): LocalFile[] {
  const replaced = pending.map((file) => describeText(file.key, path.join(outDir, file.key), file.text));
  return [...files.filter((file) => !pending.some((entry) => entry.key === file.key)), ...replaced];
}

/** Only objects that might already hold a local file's bytes need their hash read. */
function sameSizeObjects(local: LocalFile[], remote: Map<string, RemoteObject>): RemoteObject[] {
  return local.flatMap((file) => {
    const object = remote.get(file.key);
    return object && object.bytes === file.bytes ? [object] : [];
  });
}

/**
 * What `--delete` never removes: the folders of episodes the store still lists but this output/
 * does not hold (published on an earlier morning), and an s3:// clip cache inside the target.
 */
function keepRule(local: LocalFile[], store: Store, config: Config, location: S3Location): (key: string) => boolean {
  const localFolders = new Set(local.map((file) => file.key.split('/')[0]!).filter((_, i) => local[i]!.key.includes('/')));
  const listed = new Set(store.episodes.map((episode) => episode.slug));
  const cache = config.speech.cacheDir;
  const cachePrefix = isS3Url(cache) ? parseS3Url(cache) : undefined;
  const insideTarget =
    cachePrefix && cachePrefix.bucket === location.bucket && cachePrefix.prefix.startsWith(location.prefix)
      ? cachePrefix.prefix.slice(location.prefix.length)
      : undefined;
  return (key) => {
    const folder = key.includes('/') ? key.split('/')[0]! : undefined;
    if (folder && listed.has(folder) && !localFolders.has(folder)) return true;
    return insideTarget !== undefined && key.startsWith(insideTarget);
  };
}

interface RunContext {
  client: ReturnType<typeof createS3Client>;
  location: S3Location;
  concurrency: number;
  /** Normalized ETags of feed.xml and episodes.json when this publish read them. */
  read: { feed: string | undefined; store: string | undefined };
  emit: (event: PublishEvent) => void;
  signal?: AbortSignal;
}

async function runPlan(plan: UploadPlan, context: RunContext): Promise<void> {
  const total = plan.uploads.length;
  let done = 0;
  for (const stage of STAGES) {
    const uploads = plan.uploads.filter((upload) => upload.stage === stage);
    if (uploads.length === 0) continue;
    // Our own episodes.json upload changes its ETag, so the feed stage checks the feed alone.
    if (stage === 'store') await refuseIfMoved(context, [FEED_FILE, STORE_FILE]);
    if (stage === 'feed') await refuseIfMoved(context, [FEED_FILE]);
    await runAll(uploads, context, async (upload: PlannedUpload) => {
      await uploadFile(context.client, context.location, upload, writeCondition(context, upload.key));
      context.emit({ type: 'upload', key: upload.key, bytes: upload.bytes, done: ++done, total });
    });
  }
  await runAll(plan.deletes, context, async (key: string) => {
    await deleteObject(context.client, context.location, key);
    context.emit({ type: 'delete', key });
  });
}

/** The ETag this publish read for feed.xml, or else for episodes.json (the only two it reads). */
function readETagOf(context: RunContext, key: string): string | undefined {
  return key === FEED_FILE ? context.read.feed : context.read.store;
}

/**
 * feed.xml and episodes.json replace only what this publish read, in the write itself, so no
 * other run can slip in between the check below and the upload. Everything else is unconditional.
 */
function writeCondition(context: RunContext, key: string): WriteCondition | undefined {
  if (key !== FEED_FILE && key !== STORE_FILE) return undefined;
  const etag = readETagOf(context, key);
  return etag ? { ifMatch: etag } : { ifNoneMatch: '*' };
}

/**
 * One writer per feed: if feed.xml or episodes.json changed in the bucket since this publish
 * read them, another run published meanwhile, and writing ours would drop its episode. The
 * conditional write says the same on S3 and R2; this check covers services that ignore it.
 */
async function refuseIfMoved(context: RunContext, keys: string[]): Promise<void> {
  for (const key of keys) {
    const now = await readCurrent(context.client, context.location, key);
    if (now?.etag !== readETagOf(context, key)) throw writeConflict(context.location, key);
  }
}

/**
 * Runs every task, a few at a time, and lets all finish before the first failure is thrown.
 * Once the signal aborts, no task starts; those running finish, then its reason is thrown.
 */
async function runAll<T>(items: T[], context: Pick<RunContext, 'concurrency' | 'signal'>, task: (item: T) => Promise<void>): Promise<void> {
  const { signal } = context;
  const limit = pLimit(context.concurrency);
  const results = await Promise.allSettled(items.map((item) => limit(() => (signal?.aborted ? Promise.resolve() : task(item)))));
  signal?.throwIfAborted();
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
