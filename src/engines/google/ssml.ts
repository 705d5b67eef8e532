import { applyRespellings, findLexiconMatches, type LexiconEntry } from '../../text/lexicon.js';
import { escapeMarkup } from '../../text/markup.js';

/**
 * Voice families that reject SSML input (the service answers INVALID_ARGUMENT). For them the
 * lexicon can only be applied as respellings in plain text.
 */
const PLAIN_TEXT_FAMILIES = /-(?:Chirp3-HD|Chirp-HD|Journey)-/i;

export function acceptsSsml(voice: string): boolean {
  return !PLAIN_TEXT_FAMILIES.test(voice);
}

/**
 * Characters that are not allowed in XML 1.0 at all (controls other than tab/newline/CR, lone
 * surrogates, U+FFFE/U+FFFF). Escaping cannot represent them, so they are dropped.
 */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The SSML document for one piece of text: escaped, with lexicon entries that carry IPA as
 * `<phoneme>` and the others as `<sub alias>`.
 */
export function renderSsml(text: string, lexicon: readonly LexiconEntry[]): string {
  const clean = text.replace(NOT_XML, '');
  let body = '';
  let position = 0;
  for (const match of findLexiconMatches(clean, lexicon)) {
    const written = escapeMarkup(clean.slice(match.start, match.end));
    body += escapeMarkup(clean.slice(position, match.start));
    body += match.entry.ipa
      ? `<phoneme alphabet="ipa" ph="${escapeMarkup(match.entry.ipa)}">${written}</phoneme>`
      : `<sub alias="${escapeMarkup(match.entry.say)}">${written}</sub>`;
    position = match.end;
  }
  body += escapeMarkup(clean.slice(position));
  return `<speak>${body}</speak>`;
}

/** Plain text for voices without SSML: the lexicon's respellings, nothing else changed. */
export function renderPlainText(text: string, lexicon: readonly LexiconEntry[]): string {
  return applyRespellings(text, lexicon);
}
