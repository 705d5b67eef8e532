/**
 * English number words. Cardinals and ordinals come from n2words (American style: "one hundred
 * one", no "and"); the readings a newsreader adds on top are here: years in pairs, decimals
 * digit by digit, decades, fractions, and model numbers.
 */
import { toCardinal, toOrdinal } from 'n2words/en-US';

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
/** Past this many digits a number is a code, not an amount, and is read digit by digit. */
const LONGEST_AMOUNT = 21;

/** Reads a string of digits one by one: "007" → "zero zero seven". */
export function sayDigits(digits: string): string {
  return [...digits].map((d) => DIGITS[Number(d)] ?? d).join(' ');
}

/** "7850" → "seven thousand eight hundred fifty". */
export function sayCardinal(value: number | string): string {
  const digits = String(value)
    .replace(/,/g, '')
    .replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(digits)) throw new RangeError(`not a whole number: ${value}`);
  if (digits.length > LONGEST_AMOUNT) return sayDigits(digits);
  return toCardinal(BigInt(digits));
}

/** "21" → "twenty-first", "0" → "zeroth". */
export function sayOrdinal(value: number | string): string {
  const digits = String(value)
    .replace(/,/g, '')
    .replace(/^0+(?=\d)/, '');
  if (/^0+$/.test(digits)) return 'zeroth';
  if (digits.length > LONGEST_AMOUNT) return `${sayDigits(digits)}th`;
  return toOrdinal(BigInt(digits));
}

/** Two digits as the second half of a year: "05" → "oh five", "98" → "ninety-eight", "00" → "hundred". */
export function sayYearPair(pair: string): string {
  const n = Number(pair);
  if (n === 0) return 'hundred';
  return n < 10 ? `oh ${DIGITS[n]}` : sayCardinal(n);
}

/** "1994" → "nineteen ninety-four", "2005" → "two thousand five", "2010" → "twenty ten", "1905" → "nineteen oh five". */
export function sayYear(value: number | string): string {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1000 || n > 9999) return sayCardinal(value);
  const century = Math.floor(n / 100);
  if (n % 1000 < 10 && century % 10 === 0) return sayCardinal(n);
  return `${sayCardinal(century)} ${sayYearPair(String(n % 100).padStart(2, '0'))}`;
}

/** "ty" → "ties", else "s": "1990" → "nineteen nineties", "2000" → "two thousands", "1910" → "nineteen tens". */
function pluralize(words: string): string {
  return words.replace(/([a-z]+)$/, (last) => (last.endsWith('y') ? `${last.slice(0, -1)}ies` : `${last}s`));
}

/** "1990" → "nineteen nineties"; "90" → "nineties". */
export function sayDecade(value: number | string): string {
  const digits = String(value);
  return pluralize(digits.length === 4 ? sayYear(digits) : sayCardinal(digits));
}

/** "7,850" → words; "3.5" → "three point five"; ".1" → "point one": the fraction is read digit by digit. */
export function sayNumber(text: string): string {
  const [whole = '', fraction] = text.replace(/,/g, '').split('.');
  if (fraction === undefined || fraction === '') return sayCardinal(whole === '' ? '0' : whole);
  const wholeWords = whole === '' ? '' : `${sayCardinal(whole)} `;
  return `${wholeWords}point ${sayDigits(fraction)}`;
}

/** "3/4" → "three quarters", "1/2" → "one half", "31/32" → "thirty-one thirty-seconds", "142/1" → "one hundred forty-two over one". */
export function sayFraction(numerator: number | string, denominator: number | string): string {
  const n = Number(numerator);
  const d = Number(denominator);
  if (d === 1 || d === 0) return `${sayCardinal(numerator)} over ${sayCardinal(denominator)}`;
  const single = d === 2 ? 'half' : d === 4 ? 'quarter' : sayOrdinal(denominator);
  const plural = single === 'half' ? 'halves' : `${single}s`;
  return `${sayCardinal(numerator)} ${n === 1 ? single : plural}`;
}

/** A model or flight number as it is said: "737" → "seven thirty-seven", "308" → "three oh eight", "800" → "eight hundred", "2000" → "two thousand". */
export function sayModelNumber(digits: string): string {
  if (digits.length === 3 && !digits.startsWith('0') && !digits.endsWith('00'))
    return `${DIGITS[Number(digits[0])]} ${sayYearPair(digits.slice(1))}`;
  if (digits.length === 4 && !digits.startsWith('0')) return sayYear(digits);
  if (digits.startsWith('0')) return sayDigits(digits);
  return sayCardinal(digits);
}
