import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Podcast, type FeedOptions, type ItemOptions } from 'podcast';
import type { Config } from '../config/schema.js';
import { writeFileAtomic } from './atomic.js';
import { assertFeedConfig, checkShowConfig } from './feed-checks.js';
import { baseUrlOf, FEED_FILE, feedUrlOf, parseHttpUrl, publicUrl } from './urls.js';
import { publishInstant } from './feed-dates.js';
import { cleanLine, renderEpisodeHtml, renderPlainText, stripInvalidXmlCharacters } from './feed-text.js';
import { podcastGuid, readStore, sortEpisodes, type EpisodeRecord, type Store } from './store.js';

/**
 * feed.xml, written from the episode store with the `podcast` package. The output depends only
 * on the store and the config: rendering twice gives the same bytes, so an unchanged feed is
 * never re-published as "new" (no build-time stamps; dates come from the newest episode).
 */

const PODCAST_NAMESPACE = 'https://podcastindex.org/namespace/1.0';

/**
 * The podcast package always writes `<itunes:owner>`, with an empty `<itunes:email>` when there is
 * none, which directories reject. Drop the empty parts instead.
 */
class ShowPodcast extends Podcast {
  protected override getITunesFeedElements(options: FeedOptions): unknown[] {
    return super.getITunesFeedElements(options).flatMap((element) => {
      const owner = (element as { 'itunes:owner'?: Record<string, string>[] })['itunes:owner'];
      if (!owner) return [element];
      const filled = owner.filter((part) => Object.values(part)[0]);
      return filled.length > 0 ? [{ 'itunes:owner': filled }] : [];
    });
  }
}

/** The feed XML for the newest `feed.maxEpisodes` episodes of the store. */
export function renderFeed(store: Store, config: Config): string {
  assertFeedConfig(config);
  const { show, feed } = config;
  const base = baseUrlOf(config.show.baseUrl);
  const feedUrl = feedUrlOf(config);
  const image = imageUrlOf(show.image);
  const episodes = sortEpisodes(store.episodes).slice(0, feed.maxEpisodes);
  const dates = episodes.map((episode) => publishInstant(episode.date, feed.publishTime, feed.timeZone));
  const newest = dates.reduce<(typeof dates)[number] | undefined>(
    (best, date) => (!best || date.epochMs > best.epochMs ? date : best),
    undefined,
  );
  const [category, subcategory] = show.category.map(cleanLine);
  const ownerEmail = cleanLine(show.owner.email);

  const channelElements: unknown[] = [{ 'podcast:guid': podcastGuid(feedUrl) }];
  if (ownerEmail) channelElements.push({ 'podcast:locked': [{ _attr: { owner: ownerEmail } }, 'yes'] });
  if (newest) channelElements.push({ pubDate: newest.rfc2822 });

  const podcast = new ShowPodcast({
    title: cleanLine(show.title),
    description: renderPlainText(show.description),
    feedUrl,
    siteUrl: show.link ? cleanLine(show.link) : base.href,
    generator: 'audio-edition',
    language: cleanLine(show.language),
    ...(image ? { imageUrl: image, itunesImage: image } : {}),
    itunesAuthor: cleanLine(show.author),
    itunesOwner: { name: cleanLine(show.owner.name), email: ownerEmail },
    itunesExplicit: show.explicit,
    itunesType: 'episodic',
    itunesCategory: [{ text: category!, ...(subcategory ? { subcats: [{ text: subcategory }] } : {}) }],
    customNamespaces: { podcast: PODCAST_NAMESPACE },
    customElements: channelElements,
    // Declared by hand above; the package's own podcast namespace switch adds nothing else we use.
    namespaces: { iTunes: true, podcast: false, simpleChapters: false },
  });
  episodes.forEach((episode, index) => {
    podcast.addItem(itemFor(episode, dates[index]!.rfc2822, config, image));
  });

  const xml = podcast.buildXml({ indent: '  ' });
  return stripInvalidXmlCharacters(replaceBuildDate(xml, newest?.rfc2822));
}

function itemFor(episode: EpisodeRecord, pubDate: string, config: Config, showImage: string | undefined): ItemOptions {
  const urlOf = (file: string) => publicUrl(config.show.baseUrl, file);
  const language = cleanLine(config.show.language);
  const custom: unknown[] = [{ pubDate }];
  const transcripts = [
    [episode.transcripts?.vtt, 'text/vtt'],
    [episode.transcripts?.srt, 'application/x-subrip'],
    [episode.transcripts?.json, 'application/json'],
  ] as const;
  for (const [file, type] of transcripts) {
    // The JSON transcript is word by word, for players that follow along, not captions.
    const rel = type === 'application/json' ? {} : { rel: 'captions' };
    if (file) custom.push({ 'podcast:transcript': { _attr: { url: urlOf(file), type, language, ...rel } } });
  }
  if (episode.chapters) custom.push({ 'podcast:chapters': { _attr: { url: urlOf(episode.chapters), type: 'application/json+chapters' } } });
  const image = imageUrlOf(episode.image) ?? showImage;
  const title = cleanLine(episode.title);
  return {
    title,
    description: renderEpisodeHtml(episode.description, episode.stories),
    // The package falls back to the HTML for itunes:summary; plain text reads better where it is shown.
    itunesSummary: renderPlainText(episode.description ?? episode.stories.map((story) => cleanLine(story.title)).join(' · ')) || title,
    // The listen page is served as its folder, `<baseUrl><slug>/`; without one, the show's site.
    ...(episode.page
      ? { url: urlOf(`${path.posix.dirname(episode.page)}/`) }
      : config.show.link
        ? { url: cleanLine(config.show.link) }
        : {}),
    guid: episode.guid,
    enclosure: { url: urlOf(episode.audio.file), size: episode.audio.bytes, type: episode.audio.type },
    itunesDuration: String(Math.round(episode.audio.durationSeconds)),
    itunesEpisodeType: 'full',
    itunesExplicit: config.show.explicit,
    itunesAuthor: cleanLine(config.show.author),
    ...(image ? { itunesImage: image } : {}),
    customElements: custom,
  };
}

/** The `rss` package stamps `lastBuildDate` with the current time; use the newest episode's date instead. */
function replaceBuildDate(xml: string, newest: string | undefined): string {
  const stamp = /<lastBuildDate>[^<]*<\/lastBuildDate>\s*/;
  return newest ? xml.replace(stamp, (match) => match.replace(/>[^<]*</, `>${newest}<`)) : xml.replace(stamp, '');
}

/** Only absolute http(s) URLs are usable as artwork in a feed; a local cover file is for ID3 tags. */
function imageUrlOf(image: string | undefined): string | undefined {
  return parseHttpUrl(image)?.href;
}

export interface FeedResult {
  /** Path of the written feed.xml. */
  feed: string;
  /** Items in the feed. */
  episodes: number;
  /** Things to tell the editor: config advice, episodes left out because their audio is gone. */
  warnings: string[];
}

/** The size of a published file (a path relative to output/), or undefined when it is not there. */
export type LocateFile = (file: string) => Promise<number | undefined>;

/** Rewrites feed.xml from the episode store without synthesizing anything (the `feed` command). */
export async function rebuildFeed({ config, outDir }: { config: Config; outDir: string }): Promise<FeedResult> {
  const result = await writeFeedFromStore(outDir, config);
  const empty =
    result.episodes === 0
      ? [`${path.join(outDir, 'episodes.json')} holds no episodes yet: the feed is empty until an edition is built.`]
      : [];
  return { ...result, warnings: [...checkShowConfig(config, { publishing: false }).warnings, ...result.warnings, ...empty] };
}

async function writeFeedFromStore(outDir: string, config: Config, locate?: LocateFile): Promise<FeedResult> {
  const { xml, episodes, warnings } = await renderFeedOnDisk(outDir, await readStore(outDir), config, locate);
  const file = path.join(outDir, FEED_FILE);
  await writeFileAtomic(file, xml);
  return { feed: file, episodes, warnings };
}

/** The feed for `store`, naming only the files that exist (in `outDir`, or as `locate` says), with their real sizes. */
export async function renderFeedOnDisk(
  outDir: string,
  store: Store,
  config: Config,
  locate?: LocateFile,
): Promise<{ xml: string; episodes: number; warnings: string[] }> {
  const matched = await matchStoreToDisk(store, locate ?? ((file) => sizeOf(path.join(outDir, file))));
  return {
    xml: renderFeed(matched.store, config),
    episodes: Math.min(matched.store.episodes.length, config.feed.maxEpisodes),
    warnings: matched.warnings,
  };
}

/**
 * The feed must only point at files that exist, with their real sizes: episodes whose audio is
 * gone are left out of the feed (not the store), sidecar files that are gone are not linked.
 */
async function matchStoreToDisk(store: Store, locate: LocateFile): Promise<{ store: Store; warnings: string[] }> {
  const warnings: string[] = [];
  const episodes: EpisodeRecord[] = [];
  for (const episode of store.episodes) {
    const bytes = await locate(episode.audio.file);
    if (bytes === undefined) {
      warnings.push(`${episode.audio.file} is missing: episode "${episode.slug}" is left out of the feed until it is rebuilt.`);
      continue;
    }
    const exists = async (file: string | undefined) => (file && (await locate(file)) !== undefined ? file : undefined);
    const [chapters, vtt, srt, json, page] = await Promise.all([
      exists(episode.chapters),
      exists(episode.transcripts?.vtt),
      exists(episode.transcripts?.srt),
      exists(episode.transcripts?.json),
      exists(episode.page),
    ]);
    const { chapters: _c, transcripts: _t, page: _p, ...rest } = episode;
    episodes.push({
      ...rest,
      audio: { ...episode.audio, bytes },
      ...(chapters ? { chapters } : {}),
      ...(vtt || srt || json ? { transcripts: { ...(vtt ? { vtt } : {}), ...(srt ? { srt } : {}), ...(json ? { json } : {}) } } : {}),
      ...(page ? { page } : {}),
    });
  }
  return { store: { version: 1, episodes }, warnings };
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
}
