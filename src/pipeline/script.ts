import type { AudioConfig, Config } from '../config/schema.js';
import type { Edition, ScriptLine } from '../edition/types.js';
import { UsageError } from '../errors.js';
import { sayCardinal } from '../text/number-words.js';

/**
 * The episode's script: every piece of speech in reading order, with the pause after it
 * (`audio.paragraphPause` between paragraphs, `audio.articlePause` between articles).
 */

/** "Three stories": small counts read as words, as a presenter says them. */
function countStories(count: number): string {
  const number = count <= 20 ? sayCardinal(count) : String(count);
  return `${number[0]!.toUpperCase()}${number.slice(1)} ${count === 1 ? 'story' : 'stories'}`;
}

/** "Wednesday, November 25, 2026": how a presenter says the date; engines read it naturally. */
function spokenDate(isoDate: string, locale = 'en-US'): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function fillTemplate(template: string, edition: Edition, show: Config['show']): string {
  const values: Record<string, string> = {
    show: show.title,
    date: spokenDate(edition.date),
    title: edition.title,
    stories: countStories(edition.articles.length),
  };
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole)
    .replace(/\s+/g, ' ')
    .trim();
}

export function writeScript(edition: Edition, config: Pick<Config, 'show'> & { audio: AudioConfig }): ScriptLine[] {
  const { audio } = config;
  const lines: ScriptLine[] = [];
  if (audio.intro !== false)
    lines.push({ role: 'intro', text: fillTemplate(audio.intro, edition, config.show), pauseAfter: audio.articlePause });
  edition.articles.forEach((article, index) => {
    const last = index === edition.articles.length - 1;
    // A lone article titled like the edition was already introduced: do not read the title twice.
    const titleAlreadySpoken = audio.intro !== false && edition.articles.length === 1 && article.title === edition.title;
    if (article.title && !titleAlreadySpoken)
      lines.push({ role: 'title', text: article.title, articleId: article.id, pauseAfter: audio.paragraphPause });
    article.paragraphs.forEach((paragraph, p) => {
      const endOfArticle = p === article.paragraphs.length - 1;
      lines.push({
        role: 'paragraph',
        text: paragraph.text,
        articleId: article.id,
        paragraphId: paragraph.id,
        pauseAfter: endOfArticle ? (last && audio.outro === false ? 0 : audio.articlePause) : audio.paragraphPause,
      });
    });
  });
  if (audio.outro !== false) lines.push({ role: 'outro', text: fillTemplate(audio.outro, edition, config.show), pauseAfter: 0 });
  return lines;
}

/** A part of an edition, numbered from 1 as editors count: an article, or one paragraph of it. */
export interface ScriptPart {
  article?: number;
  paragraph?: number;
}

/**
 * The lines of one article (its title and paragraphs, with the pauses the episode has between
 * them) or of one paragraph, cut from the episode's script, so a part sounds as it will in the
 * episode. Nothing follows the part's last line.
 */
export function selectPart(edition: Edition, script: readonly ScriptLine[], part: ScriptPart): ScriptLine[] {
  const number = part.article ?? 1;
  const article = edition.articles[number - 1];
  if (!article)
    throw new UsageError(
      `${edition.file} has ${edition.articles.length} article(s); there is no article ${number}.`,
      `Pick --article from 1 to ${edition.articles.length}.`,
    );
  let lines = script.filter((line) => line.articleId === article.id);
  if (part.paragraph !== undefined) {
    const paragraph = article.paragraphs[part.paragraph - 1];
    if (!paragraph)
      throw new UsageError(
        `article ${number} of ${edition.file} has ${article.paragraphs.length} paragraph(s); there is no paragraph ${part.paragraph}.`,
        `Pick --paragraph from 1 to ${article.paragraphs.length}.`,
      );
    lines = lines.filter((line) => line.paragraphId === paragraph.id);
  }
  return lines.map((line, index) => (index === lines.length - 1 ? { ...line, pauseAfter: 0 } : line));
}
