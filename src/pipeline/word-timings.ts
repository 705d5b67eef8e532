import type { ProcessedClip } from '../audio/clip.js';
import type { Clip, WordTiming } from '../engines/types.js';
import { estimateWordTimings } from '../text/words.js';

/**
 * A clip's word timings in the clip as cached: the engine's times, less the silence trimmed
 * from the start, kept inside the clip. An engine that reports none gets an even estimate, so
 * every cached clip has timings and says where they came from.
 */
export function timeClipWords(
  clip: Clip,
  processed: ProcessedClip,
  text: string,
): { words: WordTiming[]; wordTiming: 'engine' | 'estimate' } {
  const duration = processed.samples.length / processed.sampleRate;
  if (!clip.words) return { words: estimateWordTimings(text, 0, duration), wordTiming: 'estimate' };
  const shift = processed.trimmedStart / processed.sampleRate;
  const inside = (seconds: number) => Math.min(duration, Math.max(0, seconds - shift));
  return {
    words: clip.words.map((timing) => ({ word: timing.word, start: inside(timing.start), end: inside(timing.end) })),
    wordTiming: clip.wordTiming ?? 'engine',
  };
}

/** Word timings moved from clip time to episode time: the clip's voice starts at `start`. */
export function placeWords(words: readonly WordTiming[], start: number): WordTiming[] {
  return words.map((timing) => ({ word: timing.word, start: start + timing.start, end: start + timing.end }));
}
