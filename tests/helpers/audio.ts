import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { toolPaths } from '../../src/audio/ffmpeg.js';
import { encodeWav } from '../../src/audio/wav.js';

const run = promisify(execFile);

/**
 * A speech-like test signal: a 180 Hz buzz with harmonics, amplitude-modulated at a syllable
 * rate, at `levelDb` dBFS peak, with `padding` seconds of silence on both sides.
 */
export function speechLikeWav(options: { seconds: number; levelDb: number; padding?: number; sampleRate?: number; seed?: number }): Buffer {
  const rate = options.sampleRate ?? 16000;
  const pad = Math.round((options.padding ?? 0) * rate);
  const length = Math.round(options.seconds * rate);
  const samples = new Int16Array(length + 2 * pad);
  const amplitude = 32767 * 10 ** (options.levelDb / 20);
  const seed = options.seed ?? 1;
  for (let i = 0; i < length; i++) {
    const t = i / rate;
    const envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t + seed);
    const voice = (Math.sin(2 * Math.PI * 180 * t) + 0.5 * Math.sin(2 * Math.PI * 360 * t) + 0.25 * Math.sin(2 * Math.PI * 720 * t)) / 1.75;
    samples[pad + i] = Math.round(amplitude * envelope * voice);
  }
  return encodeWav({ sampleRate: rate, channels: 1, samples });
}

export async function measureLoudness(file: string): Promise<{ integrated: number; truePeak: number }> {
  const { stderr } = await run(
    toolPaths().ffmpeg,
    ['-hide_banner', '-nostats', '-i', file, '-af', 'ebur128=peak=true:framelog=verbose', '-f', 'null', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return {
    integrated: Number(/I:\s+(-?[\d.]+)\s+LUFS/.exec(summary)?.[1]),
    truePeak: Number(/True peak:\s+Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary)?.[1]),
  };
}

export interface Silence {
  start: number;
  end: number;
}

export async function detectSilences(file: string, noiseDb = -50, minSeconds = 0.3): Promise<Silence[]> {
  const { stderr } = await run(
    toolPaths().ffmpeg,
    ['-hide_banner', '-nostats', '-i', file, '-af', `silencedetect=noise=${noiseDb}dB:d=${minSeconds}`, '-f', 'null', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const silences: Silence[] = [];
  for (const line of stderr.split('\n')) {
    const start = /silence_start: (-?[\d.]+)/.exec(line);
    if (start) silences.push({ start: Number(start[1]), end: Number.NaN });
    const end = /silence_end: (-?[\d.]+)/.exec(line);
    if (end && silences.length > 0) silences[silences.length - 1]!.end = Number(end[1]);
  }
  return silences;
}

/** The file decoded by ffmpeg (gapless: encoder delay and padding trimmed) to mono 16-bit samples. */
export async function decodeSamples(file: string, sampleRate = 44100): Promise<Int16Array> {
  const { stdout } = await run(
    toolPaths().ffmpeg,
    ['-hide_banner', '-loglevel', 'error', '-i', file, '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', '-'],
    { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 },
  );
  return new Int16Array(stdout.buffer, stdout.byteOffset, stdout.byteLength >> 1);
}

/** Integrated loudness (ebur128) of `seconds` from `start` of a file. */
export async function measureRangeLoudness(file: string, start: number, end: number): Promise<number> {
  const { stderr } = await run(
    toolPaths().ffmpeg,
    ['-hide_banner', '-nostats', '-i', file, '-af', `atrim=start=${start}:end=${end},ebur128`, '-f', 'null', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return Number(/I:\s+(-?[\d.]+)\s+LUFS/.exec(stderr.slice(stderr.lastIndexOf('Summary:')))?.[1]);
}

/** The largest step between neighbouring samples in [from, to). */
export function largestJump(samples: Int16Array, from: number, to: number): number {
  let largest = 0;
  for (let i = Math.max(1, from); i < Math.min(samples.length, to); i++)
    largest = Math.max(largest, Math.abs(samples[i]! - samples[i - 1]!));
  return largest;
}
