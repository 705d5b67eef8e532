import type { Edition, ScriptLine } from '../edition/types.js';
import { ENGINES } from '../engines/index.js';
import type { EngineDefinition } from '../engines/types.js';
import { AudioEditionError, type ErrorLocation } from '../errors.js';
import type { LexiconEntry } from '../text/lexicon.js';
import { assessReading } from '../text/reading.js';
import { describeLanguage, describeScript, languageForScript, scriptsOfLanguage } from '../text/scripts.js';

/**
 * Before anything is synthesized, every line of the script is held against the voice, as the
 * voice would get it (lexicon, then the language's normalization):
 * - a line with a word in a script the voice cannot read (Arabic for an English voice) stops
 *   the build (exit 2), naming the first such line and a voice that could read it;
 * - a line with nothing to say (emoji, dashes, an ellipsis) is left out with a warning, so no
 *   paragraph is ever silent in the episode; an article left with no paragraph goes with it;
 * - an edition (or a previewed part) with nothing left to say is refused too.
 * Paragraph ids stay as the edition numbered them: a skipped paragraph leaves a gap.
 */

export interface ReadableOptions {
  definition: EngineDefinition;
  voice: string;
  /** BCP 47: the edition's language, which decides the normalization rules. */
  language: string;
  /** Where the language was given: the edition (front matter) or the config (`show.language`). */
  languageFrom: 'edition' | 'config';
  lexicon: readonly LexiconEntry[];
  onWarning: (message: string) => void;
}

export interface ReadableScript {
  /** The lines to read; each line before a skipped one takes over the skipped line's pause. */
  lines: ScriptLine[];
  /** Paragraphs left out, by id. */
  skipped: string[];
  /** The edition as it is read: without the skipped paragraphs, nor articles left with none. */
  edition: Edition;
}

export function checkReadable(edition: Edition, lines: readonly ScriptLine[], options: ReadableOptions): ReadableScript {
  const { definition, voice } = options;
  const voiceScripts = definition.voiceScripts(voice);
  const scripts = voiceScripts ? new Set(voiceScripts) : undefined;
  warnOfLanguage(edition, options, scripts);

  const unreadable: Array<{ line: ScriptLine; script: string; words: string[]; share: number }> = [];
  const silent = new Set<ScriptLine>();
  for (const line of lines) {
    const reading = assessReading(line.text, { scripts, language: options.language, lexicon: options.lexicon });
    if (reading.kind === 'unreadable') unreadable.push({ line, ...reading });
    else if (reading.kind === 'silent') silent.add(line);
  }
  if (unreadable.length > 0) {
    // A paragraph is what an editor fixes first; titles and the intro follow from the same text.
    const paragraphs = unreadable.filter((item) => item.line.role === 'paragraph');
    const first = paragraphs[0] ?? unreadable[0]!;
    throw unreadableError(edition, first, (paragraphs.length > 0 ? paragraphs.length : unreadable.length) - 1, options);
  }

  const paragraphs = lines.filter((line) => line.role === 'paragraph');
  const skipped = paragraphs.filter((line) => silent.has(line));
  if (paragraphs.length > 0 && skipped.length === paragraphs.length) {
    throw new AudioEditionError(
      'E_NOTHING_TO_READ',
      `nothing to read aloud: ${paragraphs.length === 1 ? 'the paragraph is' : `all ${paragraphs.length} paragraphs are`} only emoji, dashes or punctuation (${quote(paragraphs[0]!.text)}).`,
      { exitCode: 2, location: { file: edition.file }, hint: 'Write the text in words, or check that the export holds the article text.' },
    );
  }
  for (const line of silent) {
    const what = line.role === 'paragraph' ? 'skipped' : `${line.role} skipped`;
    options.onWarning(`${describeWhere(edition, line)}: ${what}: nothing to read aloud (${quote(line.text)}).`);
  }

  // An article whose paragraphs are all skipped is left out, title and all.
  const skippedIds = new Set(skipped.map((line) => line.paragraphId).filter((id) => id !== undefined));
  const read = edition.articles.map((article) => ({
    ...article,
    paragraphs: article.paragraphs.filter((paragraph) => !skippedIds.has(paragraph.id)),
  }));
  const emptied = new Set(read.filter((article, i) => article.paragraphs.length === 0 && edition.articles[i]!.paragraphs.length > 0));
  for (const article of emptied) {
    const title = edition.articles.find((original) => original.id === article.id)!.title;
    options.onWarning(
      `${edition.file}, article ${article.id.slice(1)} ${quote(title)}: left out: none of its paragraphs can be read aloud.`,
    );
  }
  const gone = new Set([...emptied].map((article) => article.id));
  return {
    lines: dropLines(lines, (line) => silent.has(line) || (line.articleId !== undefined && gone.has(line.articleId))),
    skipped: [...skippedIds],
    edition: { ...edition, articles: read.filter((article) => !gone.has(article.id)) },
  };
}

/** The lines without the dropped ones; the line before a run of dropped lines takes the run's last pause. */
function dropLines(lines: readonly ScriptLine[], drop: (line: ScriptLine) => boolean): ScriptLine[] {
  const kept: ScriptLine[] = [];
  for (const line of lines) {
    if (!drop(line)) kept.push(line);
    else if (kept.length > 0) kept[kept.length - 1] = { ...kept[kept.length - 1]!, pauseAfter: line.pauseAfter };
  }
  return kept;
}

/**
 * A Latin-script edition in a language the voice does not speak (French with an English-only voice) can be read,
 * but with the voice's own pronunciation: a warning, not an error.
 */
function warnOfLanguage(edition: Edition, options: ReadableOptions, scripts: ReadonlySet<string> | undefined): void {
  const { definition, voice, language } = options;
  const spoken = definition.voiceLanguages(voice);
  const written = scriptsOfLanguage(language);
  if (!spoken || spoken.length === 0 || written.length === 0) return;
  const primary = (code: string) => code.toLowerCase().split('-')[0];
  if (spoken.some((code) => primary(code) === primary(language))) return;
  // Text in a script the voice cannot read is refused line by line instead.
  if (scripts && !written.some((script) => scripts.has(script))) return;
  const suggestion = suggestVoice(language, written[0]!, definition);
  options.onWarning(
    `${edition.file}: the edition is in ${describeLanguage(language)} (${options.languageFrom === 'edition' ? 'language' : 'show.language'}: ${language}), but ${definition.id} voice "${voice}" speaks ${describeLanguage(spoken[0]!)}, so it will read it with ${describeLanguage(spoken[0]!)} pronunciation${suggestion ? `; for ${describeLanguage(language)}, use ${suggestion}` : ''}.`,
  );
}

function unreadableError(
  edition: Edition,
  found: { line: ScriptLine; script: string; words: string[]; share: number },
  others: number,
  options: ReadableOptions,
): AudioEditionError {
  const { definition, voice } = options;
  const scriptName = describeScript(found.script);
  const language = languageForScript(found.script, options.language);
  const suggestion = language ? suggestVoice(language, found.script, definition) : undefined;
  const readsIn = language ? describeLanguage(language) : `${scriptName} script`;
  const another = suggestion ? `use a voice that reads ${readsIn}: ${suggestion}.` : `no engine here has a voice for ${readsIn}.`;
  // Mostly readable text with a name or a quote in another script: the fix is usually the lexicon.
  const words = found.words
    .slice(0, 3)
    .map((word) => `"${word}"`)
    .join(', ');
  const hint =
    found.share < 0.5
      ? `Remove ${words} or give ${found.words.length === 1 ? 'it' : 'them'} a lexicon entry saying how to read ${found.words.length === 1 ? 'it' : 'them'}; or ${another}`
      : suggestion
        ? `Use a voice that reads ${readsIn}: ${suggestion}.`
        : `Remove it or give it a lexicon entry saying how to read it: ${another}`;
  const what = found.line.role === 'paragraph' ? 'paragraph' : 'line';
  const more = others > 0 ? ` (and ${others} more ${what}${others === 1 ? '' : 's'})` : '';
  const speaks = definition.voiceLanguages(voice)?.[0];
  const text = quote(found.line.text);
  return new AudioEditionError(
    'E_TEXT_UNREADABLE',
    `${definition.id} voice "${voice}"${speaks ? ` reads ${describeLanguage(speaks)} and` : ''} cannot read ${scriptName} script: ${text}${more}${more || !/[.!?…]"$/.test(text) ? '.' : ''}`,
    { exitCode: 2, location: locate(edition, found.line), hint },
  );
}

/**
 * `--engine <id> --voice <name>`: a voice of some engine that reads the language and
 * the script, the engine in use first, then the others in the registry's order.
 */
function suggestVoice(language: string, script: string, current: EngineDefinition): string | undefined {
  for (const engine of [current, ...ENGINES.filter((other) => other.id !== current.id)]) {
    const voice = engine.suggestVoice(language);
    if (voice && engine.voiceScripts(voice)?.includes(script)) return `--engine ${engine.id} --voice ${voice}`;
  }
  return undefined;
}

/**
 * Where a line is, as editors count and as the manifest names it: `article 2 "Title"`,
 * `paragraph 3 (a2-p3)` (or the title, intro, outro).
 */
function locate(edition: Edition, line: ScriptLine): ErrorLocation {
  const article = line.articleId ? edition.articles.find((candidate) => candidate.id === line.articleId) : undefined;
  return {
    file: edition.file,
    ...(article ? { article: `article ${article.id.slice(1)} ${quote(article.title)}` } : {}),
    paragraph:
      line.role !== 'paragraph'
        ? line.role
        : line.paragraphId
          ? `paragraph ${line.paragraphId.split('-p')[1]} (${line.paragraphId})`
          : 'text',
  };
}

function describeWhere(edition: Edition, line: ScriptLine): string {
  const where = locate(edition, line);
  return [where.file, where.article, where.paragraph].filter(Boolean).join(', ');
}

/** A short quotation of the text for messages, cut at a word when it is long. */
function quote(text: string, length = 40): string {
  const chars = [...text];
  if (chars.length <= length) return `"${text}"`;
  const cut = chars.slice(0, length - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `"${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…"`;
}
