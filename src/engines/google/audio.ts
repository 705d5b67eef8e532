import { encodeWav, parseWav, toMono, type Pcm } from '../../audio/wav.js';
import { EngineError } from '../../errors.js';

/**
 * Long paragraphs are synthesized in parts; this joins the parts' WAVs into one. The parts meet
 * at sentence or clause boundaries, where speech is near silence anyway, but the first and last
 * samples are rarely exactly zero: a short crossfade keeps the join from clicking.
 */
export const CROSSFADE_MS = 8;

export interface JoinedWav {
  wav: Buffer;
  /** Where each part's first sample is in the joined audio, in seconds: what its timepoints are offset by. */
  starts: number[];
  /** Length of the joined audio, in seconds. */
  seconds: number;
}

export function joinWavParts(parts: readonly Buffer[], crossfadeMs = CROSSFADE_MS): JoinedWav {
  if (parts.length === 0) throw new EngineError('E_GOOGLE_AUDIO', 'Google returned no audio.');
  const decoded = parts.map(readPart);
  if (decoded.length === 1) {
    const only = decoded[0]!;
    return { wav: encodeWav(only), starts: [0], seconds: only.samples.length / only.sampleRate };
  }
  const sampleRate = decoded[0]!.sampleRate;
  if (decoded.some((part) => part.sampleRate !== sampleRate)) {
    throw new EngineError('E_GOOGLE_AUDIO', 'Google returned parts of one paragraph at different sample rates.', {
      hint: 'Set engines.google.sampleRateHertz so every request asks for the same rate.',
    });
  }
  const fade = Math.round((sampleRate * crossfadeMs) / 1000);
  const starts = [0];
  let samples = decoded[0]!.samples;
  for (const part of decoded.slice(1)) {
    const joined = crossfade(samples, part.samples, fade);
    // The part ends where the joined audio ends, so it starts that many samples earlier.
    starts.push((joined.length - part.samples.length) / sampleRate);
    samples = joined;
  }
  return { wav: encodeWav({ sampleRate, channels: 1, samples }), starts, seconds: samples.length / sampleRate };
}

function readPart(wav: Buffer): Pcm {
  try {
    return toMono(parseWav(wav));
  } catch (error) {
    throw new EngineError('E_GOOGLE_AUDIO', `Google returned audio that is not 16-bit PCM WAV (${(error as Error).message}).`, {
      hint: 'This is unexpected for LINEAR16; retry, and report it if it persists.',
      cause: error,
    });
  }
}

/** Overlaps the end of `a` with the start of `b` over `length` samples, linearly. */
export function crossfade(a: Int16Array, b: Int16Array, length: number): Int16Array {
  const overlap = Math.min(length, Math.floor(a.length / 2), Math.floor(b.length / 2));
  const out = new Int16Array(a.length + b.length - overlap);
  out.set(a.subarray(0, a.length - overlap), 0);
  const start = a.length - overlap;
  for (let i = 0; i < overlap; i++) {
    const weight = (i + 0.5) / overlap;
    out[start + i] = Math.round(a[start + i]! * (1 - weight) + b[i]! * weight);
  }
  out.set(b.subarray(overlap), a.length);
  return out;
}
