/**
 * Splits text that is too long for one synthesis request into pieces that each fit, cutting
 * where a reader would pause: between sentences, else between clauses, else between words.
 * Sizes are measured on what will actually be sent (SSML markup, escaping and lexicon
 * expansions included), which is why the caller passes `measure`.
 */

export interface SplitOptions {
  /** Largest size a piece may have, in the units `measure` returns. */
  maxBytes: number;
  /** Size of a piece as sent; defaults to its UTF-8 length. */
  measure?: (piece: string) => number;
  /** BCP 47 locale for sentence boundaries. */
  locale?: string;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Returns the text in order as one or more trimmed pieces, each no larger than `maxBytes` as measured. */
export function splitText(text: string, options: SplitOptions): string[] {
  const measure = options.measure ?? utf8Bytes;
  const trimmed = text.trim();
  if (trimmed === '' || measure(trimmed) <= options.maxBytes) return trimmed === '' ? [] : [trimmed];
  const fits = (piece: string) => measure(piece.trim()) <= options.maxBytes;
  const units = breakDown(trimmed, 0, fits, options.locale ?? 'en');
  return pack(units, fits);
}

type Splitter = (text: string, locale: string) => string[];

/** From coarse to fine; each keeps trailing spaces and punctuation with the unit they follow. */
const levels: Splitter[] = [splitSentences, splitClauses, splitWords, splitGraphemes];

/** Cuts the text into units at the coarsest level that makes every unit fit. */
function breakDown(text: string, level: number, fits: (piece: string) => boolean, locale: string): string[] {
  const splitter = levels[level];
  if (!splitter) {
    // A single grapheme that does not fit: nothing sensible is left, send it alone.
    return [text];
  }
  return splitter(text, locale).flatMap((unit) => (fits(unit) ? [unit] : breakDown(unit, level + 1, fits, locale)));
}

/** Greedily joins consecutive units while the joined piece still fits. */
function pack(units: string[], fits: (piece: string) => boolean): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const unit of units) {
    if (current !== '' && !fits(current + unit)) {
      pieces.push(current.trim());
      current = '';
    }
    current += unit;
  }
  if (current.trim() !== '') pieces.push(current.trim());
  return pieces.filter((piece) => piece !== '');
}

/** Abbreviations after which ICU's sentence breaker wrongly ends a sentence. */
const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Gov|Sen|Rep|Lt|Col|Capt|Sgt|No|vs|etc|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|[A-Z])\.\s*$/;

function splitSentences(text: string, locale: string): string[] {
  const segmenter = segmenterFor(locale, 'sentence');
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const last = sentences.length - 1;
    if (last >= 0 && ABBREVIATION.test(sentences[last]!)) sentences[last] += segment;
    else sentences.push(segment);
  }
  return sentences;
}

/** After commas, semicolons, colons and dashes that are followed by a space. */
/** The text's sentences, trimmed, with abbreviations such as "Mr." or "U.S." kept inside them. */
export function sentencesOf(text: string, locale = 'en'): string[] {
  return splitSentences(text, locale)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

function splitClauses(text: string): string[] {
  return text.split(/(?<=[,;:\u2013\u2014)]\s+)(?=\S)/u);
}

function splitWords(text: string): string[] {
  return text.split(/(?<=\s)(?=\S)/u);
}

function splitGraphemes(text: string, locale: string): string[] {
  return [...segmenterFor(locale, 'grapheme').segment(text)].map((s) => s.segment);
}

const segmenters = new Map<string, Intl.Segmenter>();

/** One segmenter per locale and granularity: making one loads the locale's rules each time. */
function segmenterFor(locale: string | undefined, granularity: 'sentence' | 'grapheme'): Intl.Segmenter {
  const id = `${locale ?? ''}/${granularity}`;
  let segmenter = segmenters.get(id);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity });
    segmenters.set(id, segmenter);
  }
  return segmenter;
}
