/**
 * English number words, written out here rather than pulled from a package: the reading rules
 * (American "seven thousand eight hundred fifty", years as pairs, "oh five" minutes) are
 * specific to how a newsreader speaks, and the whole thing is a few dozen lines.
 */

const ONES = [
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
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion'];

const ORDINAL_WORDS: Record<string, string> = {
  one: 'first',
  two: 'second',
  three: 'third',
  five: 'fifth',
  eight: 'eighth',
  nine: 'ninth',
  twelve: 'twelfth',
};

function sayBelowHundred(n: number): string {
  if (n < 20) return ONES[n]!;
  const tens = TENS[Math.floor(n / 10)]!;
  return n % 10 === 0 ? tens : `${tens}-${ONES[n % 10]}`;
}

function sayBelowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${ONES[hundreds]} hundred`);
  if (rest > 0 || hundreds === 0) parts.push(sayBelowHundred(rest));
  return parts.join(' ');
}

/** Reads a string of digits one by one: "007" → "zero zero seven". */
export function sayDigits(digits: string): string {
  return [...digits].map((d) => ONES[Number(d)] ?? d).join(' ');
}

/** "7850" → "seven thousand eight hundred fifty". Numbers past the trillions are read digit by digit. */
export function sayCardinal(value: number | string): string {
  const digits = String(value).replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(digits)) throw new RangeError(`not a whole number: ${value}`);
  if (digits.length > 15) return sayDigits(digits);
  let n = Number(digits);
  if (n === 0) return 'zero';
  const groups: string[] = [];
  for (let scale = 0; n > 0; scale += 1, n = Math.floor(n / 1000)) {
    const group = n % 1000;
    if (group > 0) groups.unshift(SCALES[scale] ? `${sayBelowThousand(group)} ${SCALES[scale]}` : sayBelowThousand(group));
  }
  return groups.join(' ');
}

/** "21" → "twenty-first". */
export function sayOrdinal(value: number | string): string {
  const cardinal = sayCardinal(value);
  return cardinal.replace(/([a-z]+)$/, (last) => {
    if (ORDINAL_WORDS[last]) return ORDINAL_WORDS[last];
    if (last.endsWith('y')) return `${last.slice(0, -1)}ieth`;
    return `${last}th`;
  });
}

/** "1994" → "nineteen ninety-four", "2005" → "two thousand five", "2010" → "twenty ten", "1905" → "nineteen oh five". */
export function sayYear(value: number | string): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000 || n > 9999) return sayCardinal(value);
  const century = Math.floor(n / 100);
  const rest = n % 100;
  if (n % 1000 < 10 && century % 10 === 0) return sayCardinal(n);
  if (rest === 0) return `${sayBelowHundred(century)} hundred`;
  if (rest < 10) return `${sayBelowHundred(century)} oh ${ONES[rest]}`;
  return `${sayBelowHundred(century)} ${sayBelowHundred(rest)}`;
}

/** "1990s" → "nineteen nineties". */
export function sayDecade(value: number | string): string {
  return sayYear(value).replace(/([a-z]+)$/, (last) => (last.endsWith('y') ? `${last.slice(0, -1)}ies` : `${last}s`));
}

/** "7,850" or "3.5" or "0.25" → words; the fraction is read digit by digit ("three point five"). */
export function sayNumber(text: string): string {
  const [whole = '', fraction] = text.replace(/,/g, '').split('.');
  const wholeWords = whole === '' ? 'zero' : sayCardinal(whole);
  return fraction === undefined || fraction === '' ? wholeWords : `${wholeWords} point ${sayDigits(fraction)}`;
}

/** Plural of a denominator word for fractions: "third" → "thirds", "half" → "halves". */
export function sayFraction(numerator: number, denominator: number): string {
  const single = denominator === 2 ? 'half' : denominator === 4 ? 'quarter' : sayOrdinal(denominator);
  const plural = single === 'half' ? 'halves' : `${single}s`;
  return `${sayCardinal(numerator)} ${numerator === 1 ? single : plural}`;
}
