import type { WordTiming } from '../types.js';
import { alignWords, splitWords, timeWrittenWords } from '../../text/words.js';

/**
 * Word timings from what flite prints. `-psdur` gives every segment of the utterance (phones
 * and pauses) with its end time, but not which word each belongs to; a second run reads each
 * sent word as its own utterance and prints its phones (`-ps`), which says how the segments
 * divide into words. The two phone strings are aligned with an edit distance, so a word said
 * slightly differently alone (a reduced vowel, a letter name) still finds its segments.
 */

export interface TimedPhone {
  phone: string;
  start: number;
  end: number;
}

const PAUSE = 'pau';

/** `pau:0.164 hh:0.255 …` → phones with start and end (seconds); pauses are dropped. */
export function parseSegmentTimes(printed: string): TimedPhone[] {
  const phones: TimedPhone[] = [];
  let previous = 0;
  for (const item of printed.split(/\s+/)) {
    const match = /^([^:\s]+):(\d+(?:\.\d+)?)$/.exec(item);
    if (!match) continue;
    const end = Number(match[2]);
    if (match[1] !== PAUSE) phones.push({ phone: match[1]!, start: previous, end });
    previous = end;
  }
  return phones;
}

/** One line per word: `pau b iy pau` → `['b', 'iy']`. */
export function parseWordPhones(printed: string): string[][] {
  return printed
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(/\s+/).filter((phone) => phone !== '' && phone !== PAUSE));
}

/** Beyond this many cells the edit-distance table is not worth its memory: words are timed by position. */
const MAX_CELLS = 16_000_000;

/** Each word's time span from its phones; undefined for a word with no phone of its own. */
export function timeSpokenWords(
  phones: readonly TimedPhone[],
  wordPhones: readonly string[][],
): Array<{ start: number; end: number } | undefined> {
  const owner: number[] = [];
  const sequence: string[] = [];
  wordPhones.forEach((list, word) => {
    for (const phone of list) {
      owner.push(word);
      sequence.push(phone);
    }
  });
  const matched = matchPhones(
    sequence,
    phones.map((p) => p.phone),
  );
  const spans: Array<{ start: number; end: number } | undefined> = wordPhones.map(() => undefined);
  matched.forEach((target, k) => {
    if (target === -1) return;
    const word = owner[k]!;
    const span = spans[word];
    const phone = phones[target]!;
    spans[word] = span
      ? { start: Math.min(span.start, phone.start), end: Math.max(span.end, phone.end) }
      : { start: phone.start, end: phone.end };
  });
  return spans;
}

/** For each phone of `from`, the index of the phone of `to` it aligns with, or -1. */
function matchPhones(from: readonly string[], to: readonly string[]): number[] {
  const n = from.length;
  const m = to.length;
  if (n === m && from.every((phone, i) => phone === to[i])) return from.map((_, i) => i);
  if (n === 0 || m === 0) return from.map(() => -1);
  if ((n + 1) * (m + 1) > MAX_CELLS) return from.map((_, i) => Math.min(m - 1, Math.floor((i * m) / n)));
  // Levenshtein distance, keeping only the move that reached each cell.
  const moves = new Uint8Array((n + 1) * (m + 1));
  let row = new Uint32Array(m + 1);
  let next = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) {
    row[j] = j;
    moves[j] = 2;
  }
  for (let i = 1; i <= n; i++) {
    next[0] = i;
    moves[i * (m + 1)] = 1;
    for (let j = 1; j <= m; j++) {
      const diagonal = row[j - 1]! + (from[i - 1] === to[j - 1] ? 0 : 1);
      const up = row[j]! + 1;
      const left = next[j - 1]! + 1;
      let best = diagonal;
      let move = 0;
      if (up < best) {
        best = up;
        move = 1;
      }
      if (left < best) {
        best = left;
        move = 2;
      }
      next[j] = best;
      moves[i * (m + 1) + j] = move;
    }
    [row, next] = [next, row];
  }
  const result = from.map(() => -1);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const move = moves[i * (m + 1) + j];
    if (move === 0) result[--i] = --j;
    else if (move === 1) i--;
    else j--;
  }
  return result;
}

/**
 * Times for the written words of `written`, from flite's prints for the text it was sent.
 * Undefined when the prints do not fit the text (then the caller estimates).
 */
export function fliteWordTimings(written: string, sent: string, segments: string, phones: string | undefined): WordTiming[] | undefined {
  const spoken = splitWords(sent);
  const wordPhones = phones === undefined ? [] : parseWordPhones(phones);
  if (wordPhones.length !== spoken.length) return undefined;
  const timed = parseSegmentTimes(segments);
  if (timed.length === 0) return undefined;
  const writtenWords = splitWords(written);
  return timeWrittenWords(writtenWords, timeSpokenWords(timed, wordPhones), alignWords(writtenWords, spoken));
}
