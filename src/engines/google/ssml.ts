import { applyRespellings, findLexiconMatches, type LexiconEntry } from '../../text/lexicon.js';
import { escapeMarkup } from '../../text/markup.js';
import { findWordStarts } from '../../text/words.js';

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

/** A `<mark>` to put into the SSML: before the character at `at` (an index into the text rendered). */
export interface SsmlMark {
  at: number;
  name: string;
}

/**
 * The SSML document for one piece of text: escaped, with lexicon entries that carry IPA as
 * `<phoneme>` and the others as `<sub alias>`, and a `<mark/>` at each of `marks`. A mark that
 * falls inside a lexicon entry (a word within a phrase such as "Alexander Lukashenko") is left
 * out: `<phoneme>` and `<sub>` hold text only.
 */
export function renderSsml(text: string, lexicon: readonly LexiconEntry[], marks: readonly SsmlMark[] = []): string {
  const { clean, position: cleanAt } = dropNotXml(text);
  const pending = marks.map((mark) => ({ at: cleanAt(mark.at), name: mark.name })).sort((a, b) => a.at - b.at);
  let body = '';
  let position = 0;
  let next = 0;
  /** Text up to `end`, with the marks that fall in it. */
  const emitUpTo = (end: number) => {
    for (; next < pending.length && pending[next]!.at <= end; next++) {
      const mark = pending[next]!;
      body += escapeMarkup(clean.slice(position, mark.at));
      body += `<mark name="${escapeMarkup(mark.name)}"/>`;
      position = mark.at;
    }
    body += escapeMarkup(clean.slice(position, end));
    position = end;
  };
  for (const match of findLexiconMatches(clean, lexicon)) {
    emitUpTo(match.start);
    const written = escapeMarkup(clean.slice(match.start, match.end));
    body += match.entry.ipa
      ? `<phoneme alphabet="ipa" ph="${escapeMarkup(match.entry.ipa)}">${written}</phoneme>`
      : `<sub alias="${escapeMarkup(match.entry.say)}">${written}</sub>`;
    position = match.end;
    while (next < pending.length && pending[next]!.at < match.end) next++;
  }
  emitUpTo(clean.length);
  return `<speak>${body}</speak>`;
}

/** The text without the characters XML cannot hold, and where an index of the text lands in it. */
function dropNotXml(text: string): { clean: string; position: (index: number) => number } {
  const dropped: number[] = [];
  const clean = text.replace(NOT_XML, (char: string, index: number) => {
    for (let i = 0; i < char.length; i++) dropped.push(index + i);
    return '';
  });
  // Dropped characters are rare: count those before the index.
  const position = (index: number) => index - dropped.filter((at) => at < index).length;
  return { clean, position };
}

/** Plain text for voices without SSML: the lexicon's respellings, nothing else changed. */
export function renderPlainText(text: string, lexicon: readonly LexiconEntry[]): string {
  return applyRespellings(text, lexicon);
}

/** The name of the mark before word `index` of a paragraph: short, because marks are billed too. */
export function wordMarkName(index: number): string {
  return String(index);
}

/** The word index a mark name stands for, or undefined for a name this engine did not write. */
export function readWordMark(name: string | null | undefined): number | undefined {
  return name && /^(?:0|[1-9]\d{0,8})$/.test(name) ? Number(name) : undefined;
}

/**
 * The marks for each piece of a text split into requests: one before each word, named by the
 * word's index in the whole text, so timepoints from any piece say which word they time.
 * `pieces` are the text's pieces in order, as `splitText` returns them (trimmed substrings).
 */
export function markWords(text: string, pieces: readonly string[]): SsmlMark[][] {
  const starts = findWordStarts(text);
  let cursor = 0;
  let word = 0;
  return pieces.map((piece) => {
    const offset = text.indexOf(piece, cursor);
    if (offset === -1) throw new Error('a piece of the split text is not in the text');
    cursor = offset + piece.length;
    const marks: SsmlMark[] = [];
    for (; word < starts.length && starts[word]! < cursor; word++) {
      if (starts[word]! >= offset) marks.push({ at: starts[word]! - offset, name: wordMarkName(word) });
    }
    return marks;
  });
}
