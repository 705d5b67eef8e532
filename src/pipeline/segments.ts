import path from 'node:path';
import type { CachedClip } from '../audio/clip.js';
import { type EncodeSettings, MP3_LOUDNESS_LOSS_DB, TRUE_PEAK_HEADROOM_DB } from '../audio/encode-segment.js';
import { integratedLoudness, type LoudnessReport, SUB_BLOCK_SECONDS } from '../audio/loudness.js';
import { decodeMusic, mixMusic } from '../audio/music.js';
import { layoutSegment, type SegmentSpec } from '../audio/segment.js';
import { readVerified } from '../audio/verified.js';
import type { AudioConfig } from '../config/schema.js';
import type { ScriptLine } from '../edition/types.js';
import type { LineSegment, PlacedSegment } from './arrange.js';
import { type PartIdentity, segmentKey } from './segment-cache.js';
import type { SegmentEncoder } from './segment-encoder.js';

/**
 * One segment per line of the script: a paragraph, a title, the intro or the outro, with the
 * pause after it. A paragraph is the unit an editor changes, so an edit re-encodes one
 * segment; and each segment is short enough to be encoded while the next clips are read.
 * The intro and outro carry their music, mixed against their own voice, so their level
 * depends on nothing outside them either.
 */

export interface SegmentContext {
  audio: AudioConfig;
  configDir: string;
  encoder: SegmentEncoder;
  /** The ffmpeg that encodes, for the keys. */
  encoderId: string;
  /** Calls off the music's decoding. */
  signal?: AbortSignal;
}

export function encodeSettings(audio: AudioConfig): EncodeSettings {
  const { loudness, truePeak, bitrateKbps, sampleRate, channels } = audio;
  return { loudness, truePeak, bitrateKbps, sampleRate, channels };
}

/** The line's segment, from the cache or queued for encoding. */
export async function segmentForLine(line: ScriptLine, clip: CachedClip, context: SegmentContext): Promise<LineSegment> {
  const music = line.role === 'intro' ? context.audio.introMusic : line.role === 'outro' ? context.audio.outroMusic : undefined;
  let spec: SegmentSpec;
  let identity: PartIdentity;
  let voiceOffset = 0;
  if (music) {
    const bytes = await readVerified(clip.pcmFile, clip.sha256);
    const voice = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
    const decoded = await decodeMusic(path.resolve(context.configDir, music.file), clip.sampleRate, context.signal);
    // The voice's own loudness sets the music's level; the segment's gain then brings both to the target.
    const voiceLoudness = integratedLoudness({ subBlocks: clip.subBlocks, sampleRate: clip.sampleRate });
    const part = mixMusic({
      music: decoded,
      voice,
      sampleRate: clip.sampleRate,
      voiceLoudness,
      config: music,
      position: line.role as 'intro' | 'outro',
    });
    spec = {
      parts: [{ audio: { samples: part.samples }, sampleCount: part.samples.length, pauseAfter: line.pauseAfter }],
      sampleRate: clip.sampleRate,
      voiceSubBlocks: clip.subBlocks,
    };
    identity = { samples: part.samples };
    voiceOffset = part.voiceStart / clip.sampleRate;
  } else {
    spec = {
      parts: [{ audio: { file: clip.pcmFile, sha256: clip.sha256 }, sampleCount: clip.sampleCount, pauseAfter: line.pauseAfter }],
      sampleRate: clip.sampleRate,
      voiceSubBlocks: clip.subBlocks,
    };
    identity = { clip: clip.key, sampleCount: clip.sampleCount, peak: clip.peak, subBlocks: clip.subBlocks };
  }
  const settings = context.encoder.settings;
  const layout = layoutSegment(spec, settings.sampleRate);
  const key = segmentKey(spec, [identity], settings, context.encoderId);
  return { segment: await context.encoder.segment({ key, spec, layout }), voiceOffset };
}

/**
 * The episode's loudness without decoding it: every clip's 100 ms energies, scaled by its
 * segment's gain (less what the gain adds back for the encoder's loss), placed where the
 * segment puts them; pauses count as silence.
 */
export function estimateLoudness(placed: PlacedSegment[], clips: CachedClip[], audio: AudioConfig): LoudnessReport {
  const rate = clips[0]?.sampleRate ?? 16000;
  const blocks: number[] = [];
  let peak = -Infinity;
  for (const segment of placed) {
    const clip = clips[segment.line]!;
    // The limiter takes back what its compensation adds, and the encoder what its allowance adds.
    const scale = 10 ** ((segment.segment.gainDb - segment.segment.limiterDb - MP3_LOUDNESS_LOSS_DB) / 10);
    const first = Math.round((segment.startSample / audio.sampleRate + segment.voiceOffset) / SUB_BLOCK_SECONDS);
    for (const [i, energy] of clip.subBlocks.entries()) blocks[first + i] = (blocks[first + i] ?? 0) + energy * scale;
    peak = Math.max(peak, 20 * Math.log10(clip.peak || 1e-9) + segment.segment.gainDb);
  }
  const gains = placed.map((segment) => segment.segment.gainDb).sort((a, b) => a - b);
  const integrated = integratedLoudness({ subBlocks: Array.from(blocks, (energy) => energy ?? 0), sampleRate: rate });
  // The peak is the sample peak after gain, held under the limiter's ceiling: no decode is made to measure it.
  return {
    integrated: Math.round(integrated * 10) / 10,
    truePeak: Math.round(Math.min(peak, audio.truePeak - TRUE_PEAK_HEADROOM_DB) * 10) / 10,
    gain: gains[Math.floor(gains.length / 2)] ?? 0,
  };
}
