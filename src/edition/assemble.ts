import path from 'node:path';
import { compileSkipPatterns } from '../config/skip.js';
import { editionError } from './codes.js';
import { dateFromFileName, isCalendarDate, localToday } from './date.js';
import type { DraftEdition } from './draft.js';
import { fallbackSlug, slugify } from './slug.js';
import { normalizeInline } from './text.js';
import type { Article, Edition } from './types.js';

export interface AssembleOptions {
  /** Regular expression sources (config `edition.skip`); a paragraph matching one is not read. */
  skip?: readonly string[];
  /** `YYYY-MM-DD` used when neither the file nor its name gives a date; defaults to today. */
  today?: string;
}

/**
 * Turns a reader's draft into an Edition, the same way for every format: normalizes text, applies
 * skip rules, drops articles left without paragraphs, then numbers what remains (`a1`, `a1-p1`)
 * so ids follow what is actually read.
 */
export function assembleEdition(draft: DraftEdition, file: string, options: AssembleOptions = {}): Edition {
  const skip = compileSkipPatterns(options.skip ?? []);
  const baseName = path.basename(file, path.extname(file));
  const title = normalizeInline(draft.title ?? '') || titleFromFileName(baseName);

  let found = 0;
  const articles: Article[] = [];
  for (const draftArticle of draft.articles) {
    const texts = draftArticle.paragraphs.map(normalizeInline).filter((text) => text !== '');
    found += texts.length;
    const kept = texts.filter((text) => !skip.some((pattern) => pattern.test(text)));
    if (kept.length === 0) continue;
    const id = `a${articles.length + 1}`;
    articles.push({
      id,
      title: normalizeInline(draftArticle.title ?? '') || title,
      paragraphs: kept.map((text, index) => ({ id: `${id}-p${index + 1}`, text })),
    });
  }
  if (found === 0) {
    throw editionError(
      'E_EDITION_NO_TEXT',
      file,
      'has no paragraphs to read.',
      'Check that the export holds the article text, not only titles, images or code.',
    );
  }
  if (articles.length === 0) {
    throw editionError(
      'E_EDITION_ALL_SKIPPED',
      file,
      `has nothing left to read: edition.skip rules match ${found === 1 ? 'its only paragraph' : `all ${found} of its paragraphs`}.`,
      'Loosen edition.skip in the config.',
    );
  }

  const edition: Edition = {
    file,
    slug: pickSlug(draft, baseName, title, file),
    title,
    date: draft.date ?? dateFromFileName(baseName, file) ?? pickToday(options.today, file),
    articles,
  };
  for (const key of ['description', 'voice', 'language', 'image'] as const) {
    const value = draft[key];
    if (value !== undefined) edition[key] = key === 'description' ? normalizeInline(value) : value;
  }
  if (draft.lexicon) edition.lexicon = draft.lexicon;
  return edition;
}

function pickSlug(draft: DraftEdition, baseName: string, title: string, file: string): string {
  if (draft.slug !== undefined) {
    const slug = slugify(draft.slug);
    if (slug) return slug;
    throw editionError(
      'E_EDITION_FRONT_MATTER',
      file,
      `front matter slug "${draft.slug}" has no letters or digits.`,
      'Use letters, digits and dashes, e.g. slug: a-little-respite.',
    );
  }
  return slugify(baseName) || fallbackSlug(baseName, title);
}

function pickToday(today: string | undefined, file: string): string {
  if (today === undefined) return localToday();
  if (!isCalendarDate(today)) {
    throw editionError('E_EDITION_DATE', file, `the date given for today, "${today}", is not a calendar date.`, 'Pass it as YYYY-MM-DD.');
  }
  return today;
}

/** `2026-11-25-a-little-respite` → "A little respite": a last resort that still reads well aloud. */
function titleFromFileName(baseName: string): string {
  const words = baseName
    .replace(/^\d{4}-\d{2}-\d{2}/, '')
    .replace(/[-_.\s]+/g, ' ')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Today’s edition';
}
