/**
 * Which writing systems a text's letters are in, and which a language is written in, by
 * ISO 15924 code (`Latn`, `Arab`, `Cyrl`, `Hani`). Digits, punctuation, emoji and combining
 * marks belong to no one script (Unicode's Common and Inherited) and count for none.
 */

/**
 * The scripts told apart, each by its Unicode Script property. A letter in none of them is
 * `Zzzz` (an unknown script): no voice is said to read it.
 */
const SCRIPTS = (
  'Latn Cyrl Grek Arab Hebr Hani Hira Kana Hang Bopo Deva Beng Guru Gujr Orya Taml Telu Knda Mlym Sinh Thai Laoo ' +
  'Khmr Mymr Tibt Geor Armn Ethi Syrc Thaa Mong Cher Cans Tfng Nkoo Yiii'
).split(' ');

const SCRIPT_PATTERNS = SCRIPTS.map((code) => [code, new RegExp(`^\\p{Script=${code}}$`, 'u')] as const);

/** A letter of some script: neither Common (shared symbols) nor Inherited (combining marks). */
const SCRIPT_LETTER = /^(?!\p{Script=Zyyy}|\p{Script=Zinh})\p{L}$/u;
const WORD = /[\p{L}\p{M}\p{N}'’-]+/gu;

/** The script of one character (`Zzzz` when it is a letter of none told apart), or undefined for a non-letter. */
export function scriptOf(char: string): string | undefined {
  if (!SCRIPT_LETTER.test(char)) return undefined;
  return SCRIPT_PATTERNS.find(([, pattern]) => pattern.test(char))?.[0] ?? 'Zzzz';
}

/** How many of the text's letters are in each script. */
export function countScripts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const char of text) {
    const script = scriptOf(char);
    if (script) counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  return counts;
}

/** The words of the text with a letter in none of `scripts`, in order, each once. */
export function wordsOutside(text: string, scripts: ReadonlySet<string>): string[] {
  const words = new Set<string>();
  for (const [word] of text.matchAll(WORD)) {
    if ([...word].some((char) => !isIn(char, scripts))) words.add(word);
  }
  return [...words];
}

const writtenIn = new Map<string, RegExp>();

/** Whether every letter of the text is in one of `scripts` (or in no script at all). */
export function isWrittenIn(text: string, scripts: ReadonlySet<string>): boolean {
  // One pattern per set of scripts, over the whole text: the check runs on every line of every build.
  const known = [...scripts].filter((code) => SCRIPTS.includes(code)).sort();
  const key = known.join(' ');
  let pattern = writtenIn.get(key);
  if (!pattern) {
    const allowed = ['Zyyy', 'Zinh', ...known].map((code) => `\\p{Script=${code}}`).join('');
    pattern = new RegExp(`^[\\P{L}${allowed}]*$`, 'u');
    writtenIn.set(key, pattern);
  }
  return pattern.test(text);
}

function isIn(char: string, scripts: ReadonlySet<string>): boolean {
  const script = scriptOf(char);
  return script === undefined || scripts.has(script);
}

/** Whether anything in the text can be said: a letter or a digit of any script. */
export function hasSpeakableText(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * The scripts a language (BCP 47) is written in, from its likely script (`ar` → Arabic,
 * `ja` → kanji and both kana), or an empty list for a language Intl does not know.
 */
export function scriptsOfLanguage(language: string): string[] {
  let script: string | undefined;
  try {
    script = new Intl.Locale(language).maximize().script;
  } catch {
    return [];
  }
  switch (script) {
    case undefined:
      return [];
    case 'Hans':
    case 'Hant':
      return ['Hani', 'Bopo'];
    case 'Jpan':
      return ['Hani', 'Hira', 'Kana'];
    case 'Kore':
      return ['Hang', 'Hani'];
    default:
      return [script];
  }
}

/** The language most text in a script is in, for suggesting a voice (`Arab` → `ar`). */
const LANGUAGE_OF_SCRIPT: Record<string, string> = {
  Latn: 'en',
  Cyrl: 'ru',
  Grek: 'el',
  Arab: 'ar',
  Hebr: 'he',
  Hani: 'zh',
  Bopo: 'zh',
  Hira: 'ja',
  Kana: 'ja',
  Hang: 'ko',
  Deva: 'hi',
  Beng: 'bn',
  Guru: 'pa',
  Gujr: 'gu',
  Orya: 'or',
  Taml: 'ta',
  Telu: 'te',
  Knda: 'kn',
  Mlym: 'ml',
  Sinh: 'si',
  Thai: 'th',
  Laoo: 'lo',
  Khmr: 'km',
  Mymr: 'my',
  Tibt: 'bo',
  Geor: 'ka',
  Armn: 'hy',
  Ethi: 'am',
  Syrc: 'syr',
  Thaa: 'dv',
  Mong: 'mn',
  Cher: 'chr',
  Cans: 'iu',
  Tfng: 'zgh',
  Nkoo: 'nqo',
  Yiii: 'ii',
};

/**
 * The language to read text in `script` in: the edition's own when it is written in that script
 * (`sr` for Cyrillic in a Serbian edition), else the script's most common one.
 */
export function languageForScript(script: string, editionLanguage?: string): string | undefined {
  if (editionLanguage && scriptsOfLanguage(editionLanguage).includes(script)) return editionLanguage;
  return LANGUAGE_OF_SCRIPT[script];
}

const SCRIPT_NAMES: Record<string, string> = { Hani: 'Han (Chinese)', Zzzz: 'an unknown' };

/** "Arabic", "Cyrillic", "Han (Chinese)": a script's English name. */
export function describeScript(script: string): string {
  return SCRIPT_NAMES[script] ?? displayName('script', script);
}

/** "English", "Arabic": a language's English name, without its region. */
export function describeLanguage(language: string): string {
  let base = language;
  try {
    base = new Intl.Locale(language).language;
  } catch {}
  return displayName('language', base);
}

function displayName(type: 'script' | 'language', code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
