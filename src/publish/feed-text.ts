import { escapeMarkup } from '../text/markup.js';

/**
 * Text that goes into feed.xml. The `podcast` package escapes markup characters but passes
 * everything else through, so characters XML 1.0 forbids (control characters, lone surrogates,
 * U+FFFE/U+FFFF) would make the whole feed unparsable: every string is cleaned here first.
 */

/** Apple truncates descriptions at 4,000; other directories reject longer ones. */
export const MAX_DESCRIPTION_BYTES = 4000;

// Allowed: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the `u` flag a lone surrogate is a single code point in the D800–DFFF range, so it is caught too.
const FORBIDDEN_XML_CHARACTERS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Removes every character XML 1.0 does not allow. */
export function stripInvalidXmlCharacters(text: string): string {
  return text.replace(FORBIDDEN_XML_CHARACTERS, '');
}

/** Clean text for a single-line field: no forbidden characters, runs of white space collapsed. */
export function cleanLine(text: string): string {
  return stripInvalidXmlCharacters(text).replace(/\s+/g, ' ').trim();
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * The longest prefix of `text` whose rendering by `render` fits in `maxBytes`, cut between code points
 * (never inside a surrogate pair or an entity) and marked with an ellipsis when anything was cut.
 */
export function truncateToBytes(text: string, maxBytes: number, render: (text: string) => string = (t) => t): string {
  if (byteLength(render(text)) <= maxBytes) return text;
  const codePoints = Array.from(text);
  let low = 0;
  let high = codePoints.length;
  // Binary search on the number of code points kept; rendering is monotonic in length.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const candidate = `${codePoints.slice(0, middle).join('').trimEnd()}…`;
    if (byteLength(render(candidate)) <= maxBytes) low = middle;
    else high = middle - 1;
  }
  return low === 0 ? '' : `${codePoints.slice(0, low).join('').trimEnd()}…`;
}

export interface Story {
  title: string;
  /** The article's first paragraph. */
  summary: string;
}

/**
 * The item description: the edition's own description, then each story as its title and first
 * paragraph, in the few tags Apple renders (`p`, `ul`, `li`, `strong`). Stories that do not fit in
 * `maxBytes` are cut at a character boundary and every opened tag is still closed.
 */
export function renderEpisodeHtml(description: string | undefined, stories: Story[], maxBytes = MAX_DESCRIPTION_BYTES): string {
  const intro = description ? cleanLine(description) : '';
  const head = intro ? `<p>${escapeMarkup(truncateToBytes(intro, maxBytes - 7, escapeMarkup))}</p>` : '';
  const items: string[] = [];
  const wrap = (inner: string[]) => (inner.length > 0 ? `<ul>${inner.join('')}</ul>` : '');
  for (const story of stories) {
    const title = cleanLine(story.title);
    const summary = cleanLine(story.summary);
    const renderItem = (text: string) => `<li><strong>${escapeMarkup(title)}</strong>${text ? ` – ${escapeMarkup(text)}` : ''}</li>`;
    const budget = maxBytes - byteLength(head + wrap(items)) - (items.length === 0 ? byteLength('<ul></ul>') : 0);
    const full = renderItem(summary);
    if (byteLength(full) <= budget) {
      items.push(full);
      continue;
    }
    // Keep the title whole and shorten the paragraph; if not even the title fits, stop here.
    const shortened = truncateToBytes(summary, budget, renderItem);
    if (shortened && byteLength(renderItem(shortened)) <= budget) items.push(renderItem(shortened));
    break;
  }
  return head + wrap(items);
}

/** Plain text for `itunes:summary` and the channel description: cleaned and within the byte limit. */
export function renderPlainText(text: string, maxBytes = MAX_DESCRIPTION_BYTES): string {
  return truncateToBytes(stripInvalidXmlCharacters(text).trim(), maxBytes);
}
