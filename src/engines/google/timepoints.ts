import { estimateWordTimings, splitWords } from '../../text/words.js';
import type { WordTiming } from '../types.js';
import { readWordMark } from './ssml.js';

/**
 * Word timings from the timepoints Google returns for the `<mark/>` before each word (v1beta1,
 * `enableTimePointing: ['SSML_MARK']`). A timepoint is the time of its mark from the start of
 * its request's audio; a long paragraph is several requests, joined, so each request's times are
 * moved by where its audio starts in the joined clip.
 */

export interface Timepoint {
  markName?: string | null;
  timeSeconds?: number | null;
}

/** One request's timepoints, and where its audio is in the paragraph's (seconds). */
export interface TimedPart {
  timepoints: readonly Timepoint[];
  start: number;
  duration: number;
}

/**
 * When each word of `text` starts and ends in the joined audio of `duration` seconds. A word
 * starts at its mark and ends where the next word starts (the last at the end of the audio).
 * Words without a time of their own (inside a lexicon phrase, which takes one mark, or a mark
 * the service left out) share the time between their neighbours by length. Undefined when no
 * timepoint came back at all: the voice gives none, and the caller estimates.
 */
export function timeMarkedWords(text: string, parts: readonly TimedPart[], duration: number): WordTiming[] | undefined {
  const words = splitWords(text);
  const starts = new Map<number, number>();
  for (const part of parts) {
    for (const point of part.timepoints) {
      const index = readWordMark(point.markName);
      const time = point.timeSeconds;
      if (index === undefined || index >= words.length || typeof time !== 'number' || !Number.isFinite(time)) continue;
      starts.set(index, part.start + Math.min(part.duration, Math.max(0, time)));
    }
  }
  if (starts.size === 0) return undefined;
  // Anchors: each word with a time, in word order and never earlier than the one before;
  // the start of the audio for any words before the first, and its end after the last.
  const anchors: Array<{ word: number; time: number }> = [];
  let latest = 0;
  if (!starts.has(0)) anchors.push({ word: 0, time: 0 });
  for (const word of [...starts.keys()].sort((a, b) => a - b)) {
    latest = Math.max(latest, starts.get(word)!);
    anchors.push({ word, time: latest });
  }
  anchors.push({ word: words.length, time: Math.max(latest, duration) });
  const timings: WordTiming[] = [];
  for (let i = 0; i + 1 < anchors.length; i++) {
    const from = anchors[i]!;
    const to = anchors[i + 1]!;
    timings.push(...estimateWordTimings(words.slice(from.word, to.word).join(' '), from.time, to.time));
  }
  return timings;
}
