import type { AudioConfig, Config } from '../config/schema.js';
import type { Edition } from '../edition/types.js';

/**
 * The episode's script: every piece of speech in reading order, with the pause after it.
 * Titles are spoken but are not paragraphs; the intro and outro come from templates.
 */

export type LineRole = 'intro' | 'title' | 'paragraph' | 'outro';

export interface ScriptLine {
  role: LineRole;
  text: string;
  articleId?: string;
  paragraphId?: string;
  /** Seconds of silence after this line (0 after the last). */
  pauseAfter: number;
}

const SMALL_NUMBERS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

function countStories(count: number): string {
  const number = SMALL_NUMBERS[count] ?? String(count);
  return `${number[0]!.toUpperCase()}${number.slice(1)} ${count === 1 ? 'story' : 'stories'}`;
}

/** "Wednesday, November 25, 2026": how a presenter says the date; engines read it naturally. */
export function spokenDate(isoDate: string, locale = 'en-US'): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function fillTemplate(template: string, edition: Edition, show: Config['show']): string {
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
