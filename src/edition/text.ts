/**
 * Text clean-up shared by every reader. Editions arrive from CMS exports and copy-paste, so they
 * carry characters nobody typed on purpose; none of them should reach a speech engine or a
 * transcript.
 */

// Every way a line can end, including the Unicode separators and NEL that some exports use.
const LINE_BREAKS = /\r\n|[\r\v\f\u0085\u2028\u2029]/g;

// C0 and C1 controls except tab and newline (line breaks are already \n when this runs).
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Invisible format characters: soft hyphen, zero-width space, word joiner and invisible
 * operators, byte-order marks, bidirectional controls (they only steer display and can make
 * what is shown differ from what is read), interlinear annotation marks, the replacement
 * character left behind by broken references, and Unicode tag characters (an invisible way to
 * smuggle text). Zero-width joiner and non-joiner are kept: they shape emoji and some scripts.
 */
const INVISIBLE =
  /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uFFFD\u{E0000}-\u{E007F}]/gu;

/** Makes every line break `\n` so line-based formats split the same way on every platform. */
export function normalizeLineBreaks(text: string): string {
  return text.replace(LINE_BREAKS, '\n');
}

/** Drops control and invisible characters, keeping tabs and newlines (structure in .txt and .md). */
export function removeInvisible(text: string): string {
  return text.replace(CONTROLS, '').replace(INVISIBLE, '');
}

/** Prepares a whole source file: uniform line breaks, nothing invisible. */
export function cleanSource(text: string): string {
  return removeInvisible(normalizeLineBreaks(text));
}

/** One paragraph or title: invisible characters gone, whitespace runs collapsed to one space, NFC. */
export function normalizeInline(text: string): string {
  return removeInvisible(text).replace(/\s+/gu, ' ').trim().normalize('NFC');
}
