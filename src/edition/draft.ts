/**
 * What a format reader hands over: the edition's structure and metadata as found in the file,
 * before skip rules, ids, slug and date are settled (the same way for every format).
 */

export interface DraftArticle {
  /** Undefined when the file gives none; the edition title is used. */
  title?: string;
  /** Raw paragraph texts; empty ones are dropped later. */
  paragraphs: string[];
}

export interface LexiconOverride {
  say: string;
  ipa?: string;
}

export interface DraftEdition {
  title?: string;
  /** A validated `YYYY-MM-DD` the file declares itself (front matter, HTML meta). */
  date?: string;
  description?: string;
  slug?: string;
  voice?: string;
  language?: string;
  image?: string;
  lexicon?: Record<string, string | LexiconOverride>;
  articles: DraftArticle[];
}

/** Every reader has this shape: pure, given the cleaned source text and the file (for messages). */
export type EditionReader = (source: string, file: string) => DraftEdition;
