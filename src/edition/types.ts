/** What an edition reader produces: Edition → Article → Paragraph, with stable ids. */

export interface Paragraph {
  /** `a1-p1`: article number and paragraph number, both from 1, after skip rules. */
  id: string;
  /** The text as written in the edition, whitespace normalized. Shown by the player and transcripts. */
  text: string;
}

export interface Article {
  /** `a1`, `a2`, … in reading order. */
  id: string;
  title: string;
  paragraphs: Paragraph[];
}

export interface Edition {
  /** The file the edition was read from (as given). */
  file: string;
  /** `[a-z0-9-]`, from front matter or the file name. */
  slug: string;
  title: string;
  /** ISO date `YYYY-MM-DD`: front matter, else the file name, else today. */
  date: string;
  description?: string;
  /** Per-edition overrides from front matter. */
  voice?: string;
  language?: string;
  image?: string;
  /** Lexicon entries from front matter: word → respelling (or an object with IPA). */
  lexicon?: Record<string, unknown>;
  articles: Article[];
}

/** What a piece of the script is: the spoken intro, an article's title, a paragraph, the outro. */
export type LineRole = 'intro' | 'title' | 'paragraph' | 'outro';

/**
 * One piece of the edition as it is read aloud, in reading order, with the pause after it.
 * Titles are spoken but are not paragraphs; the intro and outro come from templates.
 */
export interface ScriptLine {
  role: LineRole;
  text: string;
  articleId?: string;
  paragraphId?: string;
  /** Seconds of silence after this line (0 after the last). */
  pauseAfter: number;
}
