/**
 * Reads spoken English numbers back into values, to check what the engine is sent against what
 * was written. Each group below a thousand is parsed by words-to-numbers; the scale words and the
 * digits after "point" are combined here, because the library misreads a compound hundred before
 * a scale ("one hundred twenty-three thousand" → 3576).
 */
import { wordsToNumbers } from '@insomnia-dev/words-to-numbers';

const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

function parseGroup(words: string[]): number {
  if (words.length === 0) return 1;
  const value = wordsToNumbers(words.join(' '));
  if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`not a number: "${words.join(' ')}"`);
  return value;
}

/** "two point five million" → 2500000; "seven thousand eight hundred fifty" → 7850; "point one trillion" → 1e11. */
export function parseSpokenNumber(spoken: string): number {
  const words = spoken.replace(/-/g, ' ').split(/\s+/).filter(Boolean);
  const point = words.indexOf('point');
  const whole = point === -1 ? words : words.slice(0, point);
  let fraction = 0;
  let trailingScale = 1;
  if (point !== -1) {
    const after = words.slice(point + 1);
    const scaleAt = after.findIndex((word) => word in SCALES);
    const digits = scaleAt === -1 ? after : after.slice(0, scaleAt);
    if (scaleAt !== -1) trailingScale = SCALES[after[scaleAt]!]!;
    fraction = Number(`0.${digits.map((digit) => parseGroup([digit])).join('')}`);
  }
  let total = 0;
  let group: string[] = [];
  for (const word of whole) {
    if (word in SCALES) {
      total += parseGroup(group) * SCALES[word]!;
      group = [];
    } else group.push(word);
  }
  if (group.length > 0) total += parseGroup(group);
  if (whole.length === 0) total = 0;
  return (total + fraction) * trailingScale;
}

/** "nineteen ninety-eight" → 1998, "two thousand five" → 2005, "nineteen oh five" → 1905, "nineteen hundred" → 1900. */
export function parseSpokenYear(spoken: string): number {
  const words = spoken.replace(/-/g, ' ').split(/\s+/).filter(Boolean);
  if (words.includes('thousand')) return parseSpokenNumber(spoken);
  const century = parseGroup([words[0]!]);
  const rest = words.slice(1);
  if (rest.length === 1 && rest[0] === 'hundred') return century * 100;
  const pair = rest[0] === 'oh' ? parseGroup(rest.slice(1)) : parseGroup(rest);
  return century * 100 + pair;
}

/** "four dollars and fifteen cents" → 4.15, "two cents" → 0.02, "three point five billion dollars" → 3.5e9. */
export function parseSpokenMoney(spoken: string): number {
  const match = /^(?:(.*?) dollars?)?(?: and )?(?:(\S.*?) cents?)?$/.exec(spoken.trim());
  if (!match || (match[1] === undefined && match[2] === undefined)) throw new Error(`not an amount: "${spoken}"`);
  const dollars = match[1] === undefined ? 0 : parseSpokenNumber(match[1]);
  const cents = match[2] === undefined ? 0 : parseSpokenNumber(match[2]);
  return dollars + cents / 100;
}
