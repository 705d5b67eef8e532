import type { WordTiming } from '../text/words.js';
import { measureSubBlocks } from './loudness.js';
import { parseWav, toMono, type Pcm } from './wav.js';

/**
 * Turns an engine's WAV into a clip ready for stitching: mono, leading and trailing
 * silence trimmed (so the pauses between clips are exactly the configured ones), short
 * fades at both ends (no clicks at joins), and its loudness sub-blocks measured.
 */

export interface ProcessedClip {
  sampleRate: number;
  /** Mono 16-bit samples. */
  samples: Int16Array;
  /** K-weighted energy per 100 ms, for the episode's loudness. */
  subBlocks: number[];
  /** Absolute sample peak, 0..1. */
  peak: number;
  /** Samples trimmed from the start of the engine's audio: engine times minus this are clip times. */
  trimmedStart: number;
}

/** A processed clip as the clip cache keeps it: raw mono PCM in a file, and what stitching needs. */
export interface CachedClip {
  key: string;
  pcmFile: string;
  sampleRate: number;
  sampleCount: number;
  subBlocks: number[];
  peak: number;
  /** When each word is spoken, in seconds of this clip (after trimming). */
  words: WordTiming[];
  wordTiming: 'engine' | 'estimate';
  /** SHA-256 of the PCM file, checked where it is read. */
  sha256: string;
}

/** Below this (dBFS, over 10 ms windows) counts as silence when trimming. */
const SILENCE_DBFS = -50;
/** Kept around the detected speech so soft onsets and releases are not cut. */
const MARGIN_SECONDS = 0.03;
const FADE_SECONDS = 0.012;

export function processClip(wav: Buffer): ProcessedClip {
  const pcm = toMono(parseWav(wav));
  const trimmed = trimSilence(pcm);
  applyFades(trimmed.samples, Math.round(trimmed.sampleRate * FADE_SECONDS));
  let peak = 0;
  const samples = trimmed.samples;
  for (let i = 0; i < samples.length; i++) {
    const magnitude = samples[i]! < 0 ? -samples[i]! : samples[i]!;
    if (magnitude > peak) peak = magnitude;
  }
  return {
    sampleRate: trimmed.sampleRate,
    samples: trimmed.samples,
    subBlocks: measureSubBlocks(trimmed.samples, trimmed.sampleRate),
    peak: peak / 32768,
    trimmedStart: trimmed.start,
  };
}

export function trimSilence(pcm: Pcm): Pcm & { start: number } {
  const window = Math.max(1, Math.round(pcm.sampleRate * 0.01));
  const threshold = 32768 * 10 ** (SILENCE_DBFS / 20);
  const loud = (start: number) => {
    let sum = 0;
    const end = Math.min(pcm.samples.length, start + window);
    for (let i = start; i < end; i++) sum += pcm.samples[i]! * pcm.samples[i]!;
    return Math.sqrt(sum / Math.max(1, end - start)) > threshold;
  };
  let first = 0;
  while (first < pcm.samples.length && !loud(first)) first += window;
  let last = pcm.samples.length;
  while (last > first && !loud(Math.max(first, last - window))) last -= window;
  if (first >= last) return { ...pcm, samples: new Int16Array(0), start: 0 };
  const margin = Math.round(pcm.sampleRate * MARGIN_SECONDS);
  const start = Math.max(0, first - margin);
  const end = Math.min(pcm.samples.length, last + margin);
  return { ...pcm, samples: pcm.samples.slice(start, end), start };
}

/** Raised-cosine fades in place. */
export function applyFades(samples: Int16Array, length: number): void {
  const n = Math.min(length, Math.floor(samples.length / 2));
  for (let i = 0; i < n; i++) {
    const gain = 0.5 - 0.5 * Math.cos((Math.PI * i) / n);
    samples[i] = Math.round(samples[i]! * gain);
    const j = samples.length - 1 - i;
    samples[j] = Math.round(samples[j]! * gain);
  }
}
