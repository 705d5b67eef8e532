/**
 * Words already read, held out of the text while the other rules run.
 *
 * Each rule finds its spans in the text as written and says each one once. The words it says
 * are swapped for a single private-use character (plane 15) until every rule has run, so no
 * later rule can see them and take them for its own input ("twelve/kg" is never read as
 * "twelve or kg"; "the twenty-sixth of May" never gains a second "the"). The lexicon's
 * placeholders live in the BMP private-use block and never collide with these.
 */

const FIRST = 0xf0000;
const LAST = 0xffffd;

/** A regex class body matching a held span, for rules that look at their neighbours. */
export const HELD_CLASS = '\\u{F0000}-\\u{FFFFD}';
const HELD = /[\u{F0000}-\u{FFFFD}]/gu;

/**
 * Where a number may start: not inside a word or another number ("1,000", "3.5"), nor right after
 * a span already said. A comma or period after a word still lets a number start ("AM,2:40PM").
 */
export function numberStart(alsoNotAfter = ''): string {
  return `(?<![\\p{L}\\p{N}${alsoNotAfter}${HELD_CLASS}])(?<!\\d[.,])`;
}

export class HeldWords {
  private readonly words: string[] = [];

  /** The character that stands for `words` until `release`. */
  hold(words: string): string {
    if (this.words.length > LAST - FIRST) return words;
    this.words.push(words);
    return String.fromCodePoint(FIRST + this.words.length - 1);
  }

  /** Puts every held span's words back; spans built from other spans are released too. */
  release(text: string): string {
    let result = text;
    for (let depth = 0; depth < 4 && /[\u{F0000}-\u{FFFFD}]/u.test(result); depth += 1) {
      result = result.replace(HELD, (char) => this.words[(char.codePointAt(0) ?? FIRST) - FIRST] ?? '');
    }
    return result;
  }
}

/** The edition's own plane-15 private-use characters have no sound, and would be taken for held spans. */
export function dropHeldLookalikes(text: string): string {
  return text.replace(HELD, ' ');
}
