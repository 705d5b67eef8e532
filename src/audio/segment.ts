import { integratedLoudness, SUB_BLOCK_SECONDS } from './loudness.js';
import { ENCODER_DELAY, MIN_PADDING, samplesPerFrame } from './mp3-frames.js';

/**
 * A segment is a piece of the episode encoded on its own: one or more clips with their pauses,
 * starting where the first clip's voice starts and ending inside the pause after the last.
 * Segments join by concatenating their frames, so each one fills a whole number of MP3 frames
 * on the decoded timeline, and it is given to LAME as exactly that many frames' worth of
 * samples minus LAME's delay and its least padding. Decoded, segment k's first input sample
 * then lands at the sum of the earlier segments' frames; the last 1152 samples of its window
 * are LAME's tail and the next segment's delay, which decode as the silence of the pause. Nothing in a segment's
 * bytes depends on where it sits in the episode, so an edit elsewhere leaves it valid.
 */

export interface SegmentPart {
  /** Mono 16-bit little-endian PCM at the segment's sample rate: a cached clip's file, or samples in memory. */
  audio: { file: string; sha256?: string } | { samples: Int16Array };
  sampleCount: number;
  /** Seconds of silence after the part. The last part's pause is rounded so the segment is whole frames. */
  pauseAfter: number;
}

export interface SegmentSpec {
  parts: SegmentPart[];
  /** The parts' sample rate. */
  sampleRate: number;
  /** K-weighted energy per 100 ms of the voice in the segment (not of any music), for its gain. */
  voiceSubBlocks: number[];
}

export interface SegmentLayout {
  /** MP3 frames the segment encodes to. */
  frames: number;
  /** Its length on the decoded timeline at the output rate: frames × samples per frame. */
  samples: number;
  /** Samples (output rate) handed to LAME; the rest of the window is the next segment's encoder delay. */
  encodeSamples: number;
  /** Samples (parts' rate) of the parts and the pauses between them, before the last pause. */
  sourceSamples: number;
  /** Where each part starts, in seconds from the segment's start. */
  partOffsets: number[];
  /** The output sample rate. */
  sampleRate: number;
}

/** Samples of a segment's window that are not its input: LAME's delay and its least padding. */
export const SEGMENT_OVERHEAD = ENCODER_DELAY + MIN_PADDING;

export function layoutSegment(spec: SegmentSpec, outputRate: number): SegmentLayout {
  const frameSamples = samplesPerFrame(outputRate);
  const partOffsets: number[] = [];
  let position = 0;
  spec.parts.forEach((part, i) => {
    partOffsets.push(position / spec.sampleRate);
    position += part.sampleCount;
    if (i < spec.parts.length - 1) position += Math.round(part.pauseAfter * spec.sampleRate);
  });
  const voice = (position * outputRate) / spec.sampleRate;
  const pause = (spec.parts[spec.parts.length - 1]?.pauseAfter ?? 0) * outputRate;
  // The pause is rounded to the nearest frame, but never so short that the voice would run
  // into LAME's tail and the next segment's encoder delay.
  const frames = Math.max(Math.ceil((voice + SEGMENT_OVERHEAD) / frameSamples), Math.round((voice + pause) / frameSamples), 1);
  const samples = frames * frameSamples;
  return { frames, samples, encodeSamples: samples - SEGMENT_OVERHEAD, sourceSamples: position, partOffsets, sampleRate: outputRate };
}

/**
 * The gain (dB) that brings the segment's voice to `target` LUFS on its own, so a change to
 * one segment never moves another's level. Speech too short for a gated measurement (under
 * 400 ms) is measured ungated; silence gets no gain.
 */
export function segmentGain(spec: SegmentSpec, target: number, encoderLossDb: number): number {
  let loudness = integratedLoudness({ subBlocks: spec.voiceSubBlocks, sampleRate: spec.sampleRate });
  if (!Number.isFinite(loudness)) {
    const energy = spec.voiceSubBlocks.reduce((sum, block) => sum + block, 0);
    const samples = spec.voiceSubBlocks.length * Math.round(spec.sampleRate * SUB_BLOCK_SECONDS);
    loudness = energy > 0 && samples > 0 ? -0.691 + 10 * Math.log10(energy / samples) : Number.NaN;
  }
  return Number.isFinite(loudness) ? target - loudness + encoderLossDb : 0;
}
