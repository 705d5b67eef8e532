/**
 * Words as the transcript counts them, and how the words an engine was sent line up with the
 * words as written. Normalization rewrites text for reading ("$3" → "three dollars", "BBC" →
 * "B B C"), so one written word may be said as several spoken ones, or as none ("–").
 */

/** The words of a text: split on white space. The player counts words the same way. */
export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

/** Where each word of `splitWords(text)` starts in `text` (UTF-16 index). */
export function findWordStarts(text: string): number[] {
  return [...text.matchAll(/\S+/g)].map((match) => match.index);
}

/** What a word is compared by: its letters and digits, lowercased, accents dropped. */
export function wordKey(word: string): string {
  return word
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The spoken words `[first, end)` that say one written word; `first === end` when none do. */
/** When one word of a clip is spoken, in seconds from the start of the clip's audio. */
export interface WordTiming {
  /** The word as written in the text the request was prepared from. */
  word: string;
  start: number;
  end: number;
}

export interface WordSpan {
  first: number;
  end: number;
}

/**
 * For each written word, the spoken words that say it. Words equal in both (by `wordKey`)
 * are matched in order, as a longest common subsequence; each run of unmatched written words
 * shares the unmatched spoken words between its neighbours' matches, in order and by length,
 * so "$32.95" takes "thirty-two dollars and ninety-five cents".
 */
export function alignWords(written: readonly string[], spoken: readonly string[]): WordSpan[] {
  const a = written.map(wordKey);
  const b = spoken.map(wordKey);
  const pairs = commonSubsequence(a, b);
  const spans: WordSpan[] = new Array(written.length);
  let lastWritten = -1;
  let lastSpoken = -1;
  for (const [i, j] of [...pairs, [written.length, spoken.length] as const]) {
    shareGap(a, lastWritten + 1, i, lastSpoken + 1, j, spans);
    if (i < written.length) spans[i] = { first: j, end: j + 1 };
    lastWritten = i;
    lastSpoken = j;
  }
  return spans;
}

/** Gives the written words `[from, to)` the spoken words `[first, end)`, in order, by share of letters. */
function shareGap(keys: readonly string[], from: number, to: number, first: number, end: number, spans: WordSpan[]): void {
  const sounding: number[] = [];
  for (let i = from; i < to; i++) if (keys[i] !== '') sounding.push(i);
  const total = sounding.reduce((sum, i) => sum + keys[i]!.length, 0);
  const count = end - first;
  let position = first;
  let letters = 0;
  for (let i = from; i < to; i++) {
    if (keys[i] === '') {
      spans[i] = { first: position, end: position };
      continue;
    }
    letters += keys[i]!.length;
    const after = sounding.length - 1 - sounding.indexOf(i);
    let stop = after === 0 ? end : first + Math.round((count * letters) / total);
    // At least one spoken word each, while there are enough to go round.
    if (count >= sounding.length) stop = Math.min(Math.max(stop, position + 1), end - after);
    stop = Math.min(end, Math.max(position, stop));
    spans[i] = { first: position, end: stop };
    position = stop;
  }
}

/** Index pairs of a longest common subsequence of non-empty keys. */
function commonSubsequence(a: readonly string[], b: readonly string[]): Array<readonly [number, number]> {
  const n = a.length;
  const m = b.length;
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[at(i, j)] =
        a[i] !== '' && a[i] === b[j] ? lengths[at(i + 1, j + 1)]! + 1 : Math.max(lengths[at(i + 1, j)]!, lengths[at(i, j + 1)]!);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] !== '' && a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (lengths[at(i + 1, j)]! >= lengths[at(i, j + 1)]!) i++;
    else j++;
  }
  return pairs;
}

/** Times for written words from times of spoken words; a word said by none sits where it falls. */
export function timeWrittenWords(
  written: readonly string[],
  spoken: ReadonlyArray<{ start: number; end: number } | undefined>,
  spans: readonly WordSpan[],
): Array<{ word: string; start: number; end: number }> {
  let previousEnd = 0;
  return written.map((word, i) => {
    const span = spans[i]!;
    const times = spoken.slice(span.first, span.end).filter((t): t is { start: number; end: number } => t !== undefined);
    if (times.length === 0) {
      return { word, start: previousEnd, end: previousEnd };
    }
    const start = Math.max(previousEnd, times[0]!.start);
    const end = Math.max(start, times[times.length - 1]!.end);
    previousEnd = end;
    return { word, start, end };
  });
}

/**
 * Times spread evenly over the speech by length of word, for voices that report none: an
 * estimate, and marked as one wherever it is used.
 */
export function estimateWordTimings(text: string, start: number, end: number): WordTiming[] {
  const words = splitWords(text);
  // A word takes about its letters' share, plus a little for the gap after it.
  const weights = words.map((word) => wordKey(word).length + 1);
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  let position = start;
  return words.map((word, i) => {
    const length = ((end - start) * weights[i]!) / total;
    const timing = { word, start: position, end: position + length };
    position += length;
    return timing;
  });
}
