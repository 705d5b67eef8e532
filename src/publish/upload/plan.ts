import type { PublishConfig } from '../../config/schema.js';
import { headersFor, type ObjectHeaders } from './headers.js';
import type { LocalFile } from './local.js';
import type { RemoteObject } from './remote.js';

/**
 * The upload plan, a value: which files go up in which stage, which are already there, and which
 * objects to delete. Stages run in order so that nothing published ever names a file that is not
 * up yet: first audio and the files each episode links to, then manifests and listen pages (which
 * load those), then the episode store, then feed.xml. Deletions come only after the new feed.
 */

export const STAGES = ['media', 'pages', 'store', 'feed'] as const;
export type Stage = (typeof STAGES)[number];

export interface PlannedUpload extends LocalFile {
  stage: Stage;
  headers: ObjectHeaders;
}

export interface UploadPlan {
  uploads: PlannedUpload[];
  unchanged: string[];
  deletes: string[];
}

export function stageOf(key: string): Stage {
  if (key === 'feed.xml') return 'feed';
  if (key === 'episodes.json') return 'store';
  if (/(^|\/)manifest\.json$/.test(key) || key.endsWith('.html')) return 'pages';
  return 'media';
}

/** Whether the object already holds this file's bytes with the headers it should have. */
export function isUpToDate(file: LocalFile, headers: ObjectHeaders, remote: RemoteObject | undefined): boolean {
  return (
    remote !== undefined &&
    remote.bytes === file.bytes &&
    remote.sha256 === file.sha256 &&
    remote.contentType === headers.contentType &&
    remote.cacheControl === headers.cacheControl
  );
}

export function planUpload(
  local: LocalFile[],
  remote: Map<string, RemoteObject>,
  options: { config: Pick<PublishConfig, 'cacheControl'>; delete: boolean; keep: (key: string) => boolean },
): UploadPlan {
  const uploads: PlannedUpload[] = [];
  const unchanged: string[] = [];
  for (const file of local) {
    const headers = headersFor(file.key, options.config);
    if (isUpToDate(file, headers, remote.get(file.key))) unchanged.push(file.key);
    else uploads.push({ ...file, stage: stageOf(file.key), headers });
  }
  // Largest first within a stage, so the long uploads start early and the stage ends sooner.
  uploads.sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || b.bytes - a.bytes || (a.key < b.key ? -1 : 1));
  const present = new Set(local.map((file) => file.key));
  const deletes = options.delete ? [...remote.keys()].filter((key) => !present.has(key) && !options.keep(key)).sort() : [];
  return { uploads, unchanged, deletes };
}
