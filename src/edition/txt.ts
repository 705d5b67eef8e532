import type { DraftArticle, DraftEdition } from './draft.js';

// Three or more dashes alone on a line (surrounding spaces allowed) separate articles.
const SEPARATOR = /^\s*-{3,}\s*$/;

/**
 * Reads the newsletter's plain-text export: the first non-empty line is the edition title,
 * every further non-empty line a paragraph; a dashes line starts a new article whose first
 * non-empty line is its title. The article before any dashes is titled by the edition title.
 * Dashes before the title line are ignored.
 */
export function readTxt(source: string): DraftEdition {
  let title: string | undefined;
  const articles: DraftArticle[] = [];
  let current: DraftArticle | undefined;
  let awaitingTitle = false;

  for (const line of source.split('\n')) {
    if (line.trim() === '') continue;
    if (SEPARATOR.test(line)) {
      if (title !== undefined) awaitingTitle = true;
      continue;
    }
    if (title === undefined) {
      title = line;
      current = { paragraphs: [] };
      articles.push(current);
    } else if (awaitingTitle || !current) {
      current = { title: line, paragraphs: [] };
      articles.push(current);
      awaitingTitle = false;
    } else {
      current.paragraphs.push(line);
    }
  }
  return title === undefined ? { articles } : { title, articles };
}
