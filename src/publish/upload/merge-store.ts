import { sortEpisodes, type Store } from '../store.js';

/**
 * The episode store to publish: the local one, plus every episode only the bucket knows (built
 * on an earlier morning, maybe on another machine). An episode both know keeps the bucket's GUID
 * and first build time, so podcast apps see the same item, corrected, never a second one.
 */
export function mergeStores(local: Store, remote: Store): Store {
  const published = new Map(remote.episodes.map((episode) => [episode.slug, episode]));
  const episodes = local.episodes.map((episode) => {
    const earlier = published.get(episode.slug);
    return earlier ? { ...episode, guid: earlier.guid, createdAt: earlier.createdAt } : episode;
  });
  const known = new Set(local.episodes.map((episode) => episode.slug));
  episodes.push(...remote.episodes.filter((episode) => !known.has(episode.slug)));
  return { version: 1, episodes: sortEpisodes(episodes) };
}
