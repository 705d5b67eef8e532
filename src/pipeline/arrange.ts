import { SEGMENT_OVERHEAD } from '../audio/segment.js';
import type { ScriptLine } from '../edition/types.js';
import type { WordTiming } from '../text/words.js';
import type { CachedSegment } from './segment-cache.js';
import type { VoicedLine } from './synthesize.js';
import { placeWords } from './word-timings.js';

/**
 * Lays the segments end to end as the episode: each starts where the frames before it end,
 * so its start is a whole number of MP3 frames, exact to the sample, and a line's voice is at
 * its segment's start plus its offset inside it. This is the timing map every later stage
 * (chapters, manifest, transcripts, word times, story MP3s) reads. A word's time is its clip's
 * voice start plus the word's offset in the clip.
 */

export interface ArrangedLine {
  line: ScriptLine;
  start: number;
  end: number;
  /** The line's words in episode seconds. */
  words: WordTiming[];
  wordTiming: 'engine' | 'estimate';
}

/** A line's segment, and where its voice is inside it. */
export interface LineSegment {
  segment: CachedSegment;
  /** Where the line's voice starts inside its segment, seconds (after intro music, say). */
  voiceOffset: number;
}

export interface PlacedSegment extends LineSegment {
  /** The script line (index) it reads. */
  line: number;
  /** Its first sample on the episode's timeline, at the output rate. */
  startSample: number;
}

export interface Arrangement {
  /** The output rate, which the segments' sample positions count in. */
  sampleRate: number;
  segments: PlacedSegment[];
  lines: ArrangedLine[];
  /** What a gapless decoder gives: every segment, less LAME's delay and padding of the last. */
  samples: number;
  durationSeconds: number;
}

export function arrangeEpisode(voiced: readonly VoicedLine[], segments: readonly LineSegment[], sampleRate: number): Arrangement {
  let position = 0;
  const placed = segments.map((segment, line): PlacedSegment => {
    const startSample = position;
    position += segment.segment.layout.samples;
    return { ...segment, line, startSample };
  });
  const lines = voiced.map((item, i) => {
    const start = placed[i]!.startSample / sampleRate + placed[i]!.voiceOffset;
    return {
      line: item.line,
      start,
      end: start + item.clip.sampleCount / item.clip.sampleRate,
      words: placeWords(item.clip.words, start),
      wordTiming: item.clip.wordTiming,
    };
  });
  const samples = Math.max(0, position - SEGMENT_OVERHEAD);
  return { sampleRate, segments: placed, lines, samples, durationSeconds: samples / sampleRate };
}
