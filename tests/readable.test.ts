/**
 * Text a voice cannot read, as pure stages: which scripts a text and a language are in
 * (src/text/scripts.ts), how a line reads after the lexicon and normalization
 * (src/text/reading.ts), and the plan's check with the real engine definitions
 * (src/pipeline/readable.ts). The built CLI's side is tests/unreadable-text.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Edition, ScriptLine } from '../src/edition/types.js';
import { findEngine } from '../src/engines/index.js';
import { AudioEditionError } from '../src/errors.js';
import { checkReadable, type ReadableOptions } from '../src/pipeline/readable.js';
import { writeScript } from '../src/pipeline/script.js';
import { assessReading } from '../src/text/reading.js';
import {
  countScripts,
  describeScript,
  hasSpeakableText,
  isWrittenIn,
  languageForScript,
  scriptOf,
  scriptsOfLanguage,
  wordsOutside,
} from '../src/text/scripts.js';

const LATIN = new Set(['Latn']);

describe('scripts', () => {
  it('tells the script of each letter, and none for digits, punctuation, emoji and marks', () => {
    expect(scriptOf('a')).toBe('Latn');
    expect(scriptOf('é')).toBe('Latn');
    expect(scriptOf('ß')).toBe('Latn');
    expect(scriptOf('م')).toBe('Arab');
    expect(scriptOf('ж')).toBe('Cyrl');
    expect(scriptOf('中')).toBe('Hani');
    expect(scriptOf('か')).toBe('Hira');
    expect(scriptOf('한')).toBe('Hang');
    expect(scriptOf('π')).toBe('Grek');
    for (const other of ['7', '٣', '.', '—', '🎉', '€', ' ', '\u0301']) expect(scriptOf(other), other).toBeUndefined();
  });

  it('counts letters by script and finds the words outside a set of scripts', () => {
    const text = 'Xi Jinping (习近平) met Putin (Путин) in 2026.';
    expect(Object.fromEntries(countScripts(text))).toEqual({ Latn: 19, Hani: 3, Cyrl: 5 });
    expect(wordsOutside(text, LATIN)).toEqual(['习近平', 'Путин']);
    expect(isWrittenIn(text, LATIN)).toBe(false);
    expect(isWrittenIn('Le président a parlé à Genève, 12,5 % — «enfin» 🎉', LATIN)).toBe(true);
  });

  it('says whether anything can be said at all', () => {
    for (const silent of ['🎉🎉🎉', '— — —', '...', '…', '* * *', '']) expect(hasSpeakableText(silent), silent).toBe(false);
    for (const speakable of ['a', '7', 'مرحبا', '🎉 Party']) expect(hasSpeakableText(speakable), speakable).toBe(true);
  });

  it('knows which scripts a language is written in, and which language a script suggests', () => {
    expect(scriptsOfLanguage('en-us')).toEqual(['Latn']);
    expect(scriptsOfLanguage('ar-XA')).toEqual(['Arab']);
    expect(scriptsOfLanguage('cmn-CN')).toEqual(['Hani', 'Bopo']);
    expect(scriptsOfLanguage('ja-JP')).toEqual(['Hani', 'Hira', 'Kana']);
    expect(scriptsOfLanguage('ko-KR')).toEqual(['Hang', 'Hani']);
    expect(scriptsOfLanguage('ru-RU')).toEqual(['Cyrl']);
    expect(scriptsOfLanguage('not a language')).toEqual([]);
    expect(languageForScript('Arab')).toBe('ar');
    expect(languageForScript('Cyrl')).toBe('ru');
    expect(languageForScript('Cyrl', 'uk')).toBe('uk');
    expect(languageForScript('Cyrl', 'en-us')).toBe('ru');
    expect(describeScript('Arab')).toBe('Arabic');
    expect(describeScript('Cyrl')).toBe('Cyrillic');
  });
});

describe('assessReading', () => {
  const english = { scripts: LATIN, language: 'en-us', lexicon: [] };

  it('passes Latin text with diacritics, and symbols normalization says in words', () => {
    expect(assessReading('Le président Macron a parlé à Genève.', english)).toEqual({ kind: 'speakable' });
    expect(assessReading('%', english)).toEqual({ kind: 'speakable' });
  });

  it('finds nothing to say in emoji, dashes and ellipses', () => {
    for (const text of ['🎉🎉🎉', '— — —', '...', '👍🏽 — …']) expect(assessReading(text, english), text).toEqual({ kind: 'silent' });
    expect(assessReading('🎉🎉🎉', { ...english, language: 'fr' })).toEqual({ kind: 'silent' });
  });

  it('finds words in a script the voice cannot read, with their share of the letters', () => {
    expect(assessReading('مرحبا بالعالم', english)).toEqual({ kind: 'unreadable', script: 'Arab', words: ['مرحبا', 'بالعالم'], share: 1 });
    const quoted = assessReading('The agency quoted Xi Jinping (习近平) at length today.', english);
    expect(quoted).toMatchObject({ kind: 'unreadable', script: 'Hani', words: ['习近平'] });
    expect(quoted.kind === 'unreadable' && quoted.share).toBeLessThan(0.2);
  });

  it('takes the lexicon’s respelling as what is read', () => {
    const lexicon = [{ word: '习近平', say: 'shee jin-ping' }];
    expect(assessReading('The agency quoted 习近平 today.', { ...english, lexicon })).toEqual({ kind: 'speakable' });
  });

  it('judges only whether anything can be said when the voice’s scripts are unknown', () => {
    expect(assessReading('مرحبا', { language: 'en-us', lexicon: [] })).toEqual({ kind: 'speakable' });
    expect(assessReading('🎉', { language: 'en-us', lexicon: [] })).toEqual({ kind: 'silent' });
  });
});

const AUDIO = { paragraphPause: 0.7, articlePause: 1.5, intro: 'Welcome. {stories} today.', outro: 'Goodbye.' };
const SHOW = { title: 'Show' } as never;

function editionOf(articles: string[][]): Edition {
  return {
    file: 'editions/today.md',
    slug: 'today',
    title: 'Today',
    date: '2026-11-25',
    articles: articles.map((paragraphs, a) => ({
      id: `a${a + 1}`,
      title: `Story ${a + 1}`,
      paragraphs: paragraphs.map((text, p) => ({ id: `a${a + 1}-p${p + 1}`, text })),
    })),
  };
}

function scriptOfEdition(edition: Edition): ScriptLine[] {
  return writeScript(edition, { show: SHOW, audio: AUDIO as never });
}

function check(edition: Edition, overrides: Partial<ReadableOptions> = {}) {
  const warnings: string[] = [];
  const result = checkReadable(edition, scriptOfEdition(edition), {
    definition: findEngine('flite'),
    voice: 'slt',
    language: 'en-us',
    languageFrom: 'config',
    lexicon: [],
    onWarning: (message) => warnings.push(message),
    ...overrides,
  });
  return { ...result, warnings };
}

function refusal(run: () => unknown): AudioEditionError {
  try {
    run();
  } catch (error) {
    if (error instanceof AudioEditionError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkReadable', () => {
  it('refuses Arabic for flite, naming the paragraph and a voice that reads it', () => {
    const error = refusal(() => check(editionOf([['A paragraph.', 'مرحبا بالعالم، هذه فقرة.', 'مرحبا مرة أخرى.']])));
    expect(error.code).toBe('E_TEXT_UNREADABLE');
    expect(error.exitCode).toBe(2);
    expect(error.toLine()).toBe(
      'editions/today.md, article 1 "Story 1", paragraph 2 (a1-p2): flite voice "slt" reads English and cannot read Arabic script: "مرحبا بالعالم، هذه فقرة." (and 1 more paragraph). Use a voice that reads Arabic: --engine google --voice ar-XA-Wavenet-B.',
    );
  });

  it('for a name in another script inside English text, points to the lexicon first', () => {
    const error = refusal(() => check(editionOf([['Moscow said Путин would speak on Friday about the budget.']])));
    expect(error.message).toContain('cannot read Cyrillic script');
    expect(error.hint).toBe(
      'Remove "Путин" or give it a lexicon entry saying how to read it; or use a voice that reads Russian: --engine google --voice ru-RU-Wavenet-D.',
    );
  });

  it('lets a Google voice read its own script and Latin names, and refuses a third script', () => {
    const google = { definition: findEngine('google'), voice: 'ar-XA-Wavenet-B', language: 'ar' };
    expect(check(editionOf([['مرحبا بالعالم من Reuters.']]), google).lines.length).toBeGreaterThan(0);
    const error = refusal(() => check(editionOf([['中国']]), google));
    expect(error.message).toContain('google voice "ar-XA-Wavenet-B" reads Arabic and cannot read Han (Chinese) script');
    expect(error.hint).toContain('--engine google --voice cmn-CN-Wavenet-A');
  });

  it('suggests the edition’s own language for its script', () => {
    const error = refusal(() => check(editionOf([['Привіт, світе.']]), { language: 'uk', languageFrom: 'edition' }));
    expect(error.hint).toContain('--engine google --voice uk-UA-Wavenet-A');
  });

  it('skips paragraphs with nothing to say, keeps the other ids, and moves the pause', () => {
    const edition = editionOf([['First.', '🎉🎉🎉'], ['— — —', '...'], ['Last.']]);
    const { lines, skipped, edition: read, warnings } = check(edition);
    expect(skipped).toEqual(['a1-p2', 'a2-p1', 'a2-p2']);
    expect(read.articles.map((article) => [article.id, article.paragraphs.map((p) => p.id)])).toEqual([
      ['a1', ['a1-p1']],
      ['a3', ['a3-p1']],
    ]);
    // The last paragraph read of article 1 gets the pause between articles; article 2 is gone, title and all.
    expect(lines.map((line) => [line.role, line.paragraphId ?? line.articleId, line.pauseAfter])).toEqual([
      ['intro', undefined, 1.5],
      ['title', 'a1', 0.7],
      ['paragraph', 'a1-p1', 1.5],
      ['title', 'a3', 0.7],
      ['paragraph', 'a3-p1', 1.5],
      ['outro', undefined, 0],
    ]);
    expect(warnings).toEqual([
      'editions/today.md, article 1 "Story 1", paragraph 2 (a1-p2): skipped: nothing to read aloud ("🎉🎉🎉").',
      'editions/today.md, article 2 "Story 2", paragraph 1 (a2-p1): skipped: nothing to read aloud ("— — —").',
      'editions/today.md, article 2 "Story 2", paragraph 2 (a2-p2): skipped: nothing to read aloud ("...").',
      'editions/today.md, article 2 "Story 2": left out: none of its paragraphs can be read aloud.',
    ]);
  });

  it('refuses an edition with nothing to say at all', () => {
    const error = refusal(() => check(editionOf([['🎉🎉🎉', '— — —'], ['...']])));
    expect(error.code).toBe('E_NOTHING_TO_READ');
    expect(error.exitCode).toBe(2);
    expect(error.toLine()).toContain('editions/today.md: nothing to read aloud: all 3 paragraphs are only emoji, dashes or punctuation');
  });

  it('warns when the voice speaks another language than a Latin-script edition’s', () => {
    const { warnings } = check(editionOf([['Le président a parlé.']]), { language: 'fr', languageFrom: 'edition' });
    expect(warnings).toEqual([
      'editions/today.md: the edition is in French (language: fr), but flite voice "slt" speaks English, so it will read it with English pronunciation; for French, use --engine google --voice fr-FR-Neural2-A.',
    ]);
  });
});
