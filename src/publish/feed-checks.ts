import type { Config } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import appleCategories from './apple-categories.json' with { type: 'json' };
import { isValidTimeZone } from './feed-dates.js';
import { parseHttpUrl } from './urls.js';

/**
 * What directories reject and what they merely dislike. Errors stop the feed from being written;
 * warnings are for the CLI and `doctor` to show.
 */
export interface ShowConfigReport {
  errors: string[];
  warnings: string[];
}

const APPLE_CATEGORIES: Record<string, string[]> = appleCategories;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
// Deliberately simple: one @, no spaces, a dot in the domain. Directories only need it to reach a person.
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/**
 * Checks the `show.*` and `feed.*` keys the feed depends on. `publishing` is true when the output is
 * about to go to listeners (https required); false for a local preview (http on localhost is fine).
 */
export function checkShowConfig(config: Config, { publishing }: { publishing: boolean }): ShowConfigReport {
  const report: ShowConfigReport = { errors: [], warnings: [] };
  checkBaseUrl(config.show.baseUrl, publishing, report);
  checkOwnerEmail(config.show.owner.email, report);
  checkImage(config.show.image, publishing, report);
  checkLink(config.show.link, report);
  report.errors.push(...checkCategory(config.show.category));
  if (!isValidTimeZone(config.feed.timeZone)) {
    report.errors.push(`feed.timeZone: "${config.feed.timeZone}" is not an IANA time zone such as "Europe/Berlin" or "UTC".`);
  }
  return report;
}

/** Throws a ConfigError naming the key of the first problem that would make the feed invalid. */
export function assertFeedConfig(config: Config): void {
  const { errors } = checkShowConfig(config, { publishing: false });
  if (errors.length > 0) {
    throw new ConfigError('E_CONFIG_INVALID', `invalid config: ${errors[0]}`, 'Fix the key in audio-edition.config.json.');
  }
}

function checkBaseUrl(baseUrl: string, publishing: boolean, report: ShowConfigReport): void {
  const url = parseHttpUrl(baseUrl);
  if (!url) {
    report.errors.push(
      `show.baseUrl: "${baseUrl}" is not an absolute URL; use where output/ is published, e.g. "https://cdn.example.com/audio/".`,
    );
    return;
  }
  if (url.protocol === 'https:') return;
  const local = LOCAL_HOSTS.has(url.hostname);
  if (publishing) {
    report.errors.push(`show.baseUrl: "${baseUrl}" must use https for publishing; podcast directories refuse plain http.`);
  } else if (local) {
    report.warnings.push(
      `show.baseUrl: "${baseUrl}" is a local address: the feed works for preview with \`audio-edition serve\` only; set an https URL before publishing.`,
    );
  } else {
    report.warnings.push(`show.baseUrl: "${baseUrl}" uses http; podcast directories require https.`);
  }
}

function checkOwnerEmail(email: string, report: ShowConfigReport): void {
  if (!email) {
    report.warnings.push('show.owner.email is not set: the feed gets no podcast:locked and Apple cannot verify ownership.');
  } else if (!EMAIL.test(email)) {
    report.errors.push(`show.owner.email: "${email}" is not an email address.`);
  }
}

function checkImage(image: string | undefined, publishing: boolean, report: ShowConfigReport): void {
  const requirement = 'Apple requires a square JPEG or PNG of 1400–3000 px';
  if (!image) {
    report.warnings.push(`show.image is not set: the feed has no cover art (${requirement}).`);
    return;
  }
  const url = parseHttpUrl(image);
  if (!url) {
    report.warnings.push(`show.image: "${image}" is not an absolute URL, so the feed has no cover art (${requirement}, at an https URL).`);
    return;
  }
  if (url.protocol !== 'https:' && publishing) report.warnings.push(`show.image: "${image}" should use https.`);
  if (!/\.(jpe?g|png)$/i.test(url.pathname))
    report.warnings.push(`show.image: "${image}" does not look like a JPEG or PNG (${requirement}).`);
}

function checkLink(link: string | undefined, report: ShowConfigReport): void {
  if (link !== undefined && !parseHttpUrl(link)) report.errors.push(`show.link: "${link}" is not an absolute http(s) URL.`);
}

/** `show.category` is `[category]` or `[category, subcategory]` from Apple's list. */
export function checkCategory(category: string[]): string[] {
  const [main, sub] = category;
  if (main === undefined) return ['show.category: give a category such as ["News", "Daily News"].'];
  const subcategories = APPLE_CATEGORIES[main];
  if (!subcategories) {
    const near = Object.keys(APPLE_CATEGORIES).find((name) => name.toLowerCase() === main.toLowerCase());
    const hint = near ? ` Did you mean "${near}"?` : ` Choose one of: ${Object.keys(APPLE_CATEGORIES).join(', ')}.`;
    return [`show.category: "${main}" is not an Apple Podcasts category.${hint}`];
  }
  if (sub !== undefined && !subcategories.includes(sub)) {
    const choices = subcategories.length > 0 ? `Choose one of: ${subcategories.join(', ')}.` : `"${main}" has no subcategories.`;
    return [`show.category: "${sub}" is not a subcategory of "${main}" in Apple Podcasts. ${choices}`];
  }
  return [];
}
