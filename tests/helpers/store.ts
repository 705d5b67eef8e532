import { writeFileAtomic } from '../../src/publish/atomic.js';
import { mergeEpisode, readStore, renderStore, storePath, type EpisodeRecord, type Store } from '../../src/publish/store.js';

/** Adds or replaces one record in `<outDir>/episodes.json`, as a build's publish step does. */
export async function upsertEpisode(outDir: string, record: EpisodeRecord): Promise<Store> {
  const next = mergeEpisode(await readStore(outDir), record);
  await writeFileAtomic(storePath(outDir), renderStore(next));
  return next;
}
