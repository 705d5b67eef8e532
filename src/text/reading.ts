/**
 * Whether a voice can read a piece of text aloud, judged on the text as the voice would get
 * it: the lexicon's respellings applied, then the language's normalization (which says "%" or
 * "€" in words for English, and drops emoji and dashes). Pure text: the caller says which
 * scripts the voice reads.
 */
import { applyRespellings, type LexiconEntry } from './lexicon.js';
import { normalizeForSpeech } from './normalize.js';
import { countScripts, hasSpeakableText, isWrittenIn, wordsOutside } from './scripts.js';

export type Reading =
  | { kind: 'speakable' }
  /** No letter or digit left: only emoji, dashes, ellipses, symbols. */
  | { kind: 'silent' }
  | {
      kind: 'unreadable';
      /** The script (ISO 15924) most of the unreadable letters are in. */
      script: string;
      /** The words with letters the voice cannot read, in order. */
      words: string[];
      /** Their letters' share of all the text's letters, 0..1. */
      share: number;
    };

export interface ReadingOptions {
  /** The scripts the voice reads (ISO 15924); when unknown, only whether anything can be said is judged. */
  scripts?: ReadonlySet<string>;
  /** BCP 47: which normalization rules apply. */
  language: string;
  lexicon: readonly LexiconEntry[];
}

export function assessReading(text: string, options: ReadingOptions): Reading {
  const { scripts } = options;
  // Most text is plainly fine: letters the voice reads. Only the rest pays for normalizing.
  if (hasSpeakableText(text) && (!scripts || isWrittenIn(text, scripts))) return { kind: 'speakable' };
  const spoken = normalizeForSpeech(applyRespellings(text, options.lexicon), { language: options.language });
  if (!hasSpeakableText(spoken)) return { kind: 'silent' };
  const words = scripts ? wordsOutside(spoken, scripts) : [];
  if (!scripts || words.length === 0) return { kind: 'speakable' };
  let script = 'Zzzz';
  let unreadable = 0;
  let letters = 0;
  let most = 0;
  for (const [code, count] of countScripts(spoken)) {
    letters += count;
    if (scripts.has(code)) continue;
    unreadable += count;
    if (count > most) [script, most] = [code, count];
  }
  return { kind: 'unreadable', script, words, share: letters === 0 ? 1 : unreadable / letters };
}
