import { createHash } from 'node:crypto';

const MAX_SLUG_LENGTH = 80;

// Letters that Unicode decomposition does not reduce to ASCII.
const FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h' };

/**
 * Reduces text to a slug of `[a-z0-9-]`: lowercased, diacritics folded, apostrophes dropped
 * ("today's" → "todays"), every other run of characters becomes one `-`, no leading or trailing
 * `-`. Because only those characters survive, a slug can never hold `/`, `.` or `..` and so can
 * never point outside the output folder. May return an empty string.
 */
export function slugify(text: string): string {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøđðłþıħ]/g, (letter) => FOLDS[letter] ?? letter)
    .replace(/['’]/g, '');
  const slug = folded.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug.length <= MAX_SLUG_LENGTH ? slug : slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}

/**
 * The slug for a file name (without extension) that has no usable letters, e.g. `日報.md`:
 * the title's slug, else a short hash of the name — stable, so rebuilding the same file
 * replaces its episode instead of adding one.
 */
export function fallbackSlug(baseName: string, title: string): string {
  const fromTitle = slugify(title);
  if (fromTitle) return fromTitle;
  return `edition-${createHash('sha256').update(baseName).digest('hex').slice(0, 8)}`;
}
