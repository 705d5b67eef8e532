import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AudioConfig } from '../config/schema.js';
import { RuntimeError, settleAll, toDiskError } from '../errors.js';
import { diskFailureOf, toolPaths } from './ffmpeg.js';
import { readVerified } from './verified.js';
import { compensateLimiter } from './limiter.js';
import { crc16, indexFrames } from './mp3-frames.js';
import { type SegmentLayout, type SegmentSpec, segmentGain } from './segment.js';

/**
 * Encodes segments to bare MP3 frames (no ID3, no Xing header: the joiner writes those once for
 * the whole file). Each segment gets its own gain to the loudness target, is resampled to the
 * output rate, limited below the true-peak ceiling and encoded by LAME at quality 5, CBR.
 * Several segments share one ffmpeg process, one chain and one encoder each, so their bytes are
 * the same as if each had its own process, without paying ffmpeg's start-up for every one.
 */

export type EncodeSettings = Pick<AudioConfig, 'loudness' | 'truePeak' | 'bitrateKbps' | 'sampleRate' | 'channels'>;

export interface SegmentJob {
  spec: SegmentSpec;
  layout: SegmentLayout;
  /** Where the frames go. */
  outFile: string;
}

export interface EncodedSegment {
  frames: number;
  bytes: number;
  /** CRC-16 of the frames, for the joined file's LAME tag. */
  crc: number;
  /** The gain applied, dB. */
  gainDb: number;
  /** How much of it makes up for what the limiter takes off, dB. */
  limiterDb: number;
  /** The encoder's version as LAME writes it into its first frame ("LAME3.100"), if it does. */
  encoder?: string;
  /** SHA-256 of the frames, checked wherever they are read back. */
  sha256: string;
}

/** The limiter works on samples; inter-sample peaks and MP3 encoding add up to about 1 dB. */
export const TRUE_PEAK_HEADROOM_DB = 1.2;

/**
 * LAME in CBR mode lowers the integrated loudness of speech by about half a LU (measured with
 * ebur128 on the offline engine's voices and on synthetic speech, 64–128 kbps); the gain makes up for it.
 */
export const MP3_LOUDNESS_LOSS_DB = 0.45;

const LIMITER_ATTACK_MS = 5;
const LIMITER_RELEASE_MS = 60;

/** The limiter's sample ceiling, linear: the true-peak target less the headroom. */
function limiterCeiling(settings: EncodeSettings): number {
  return Math.max(0.0625, 10 ** ((settings.truePeak - TRUE_PEAK_HEADROOM_DB) / 20));
}

/**
 * ffmpeg's alimiter delays its output by its lookahead, one sample short of the attack time
 * (measured on ffmpeg 4 and 5 at 22.05–48 kHz); the chain trims it so timings stay exact.
 */
export function limiterDelay(sampleRate: number): number {
  return Math.floor((sampleRate * LIMITER_ATTACK_MS) / 1000) - 1;
}

/** An aborted `signal` kills the ffmpeg process and rejects with its reason once the process is gone. */
export async function encodeSegments(jobs: SegmentJob[], settings: EncodeSettings, signal?: AbortSignal): Promise<EncodedSegment[]> {
  if (jobs.length === 0) return [];
  const temporary: string[] = [];
  try {
    // Every cached clip is checked as it is read; all the damaged ones are reported together.
    const inputs = await settleAll(jobs.map((job) => segmentInput(job, temporary)));
    const model = { ceiling: limiterCeiling(settings), attackMs: LIMITER_ATTACK_MS, releaseMs: LIMITER_RELEASE_MS };
    const bases = jobs.map((job) => segmentGain(job.spec, settings.loudness, MP3_LOUDNESS_LOSS_DB));
    const gains = inputs.map((input, i) => compensateLimiter(input.samples, jobs[i]!.spec.sampleRate, bases[i]!, model));
    const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y'];
    for (const [i, job] of jobs.entries()) args.push('-f', 's16le', '-ar', String(job.spec.sampleRate), '-ac', '1', '-i', inputs[i]!.file);
    args.push('-filter_complex', jobs.map((job, i) => `[${i}:a]${segmentFilter(job.layout, gains[i]!, settings)}[s${i}]`).join(';'));
    for (const [i, job] of jobs.entries()) {
      args.push('-map', `[s${i}]`, '-c:a', 'libmp3lame', '-b:a', `${settings.bitrateKbps}k`, '-compression_level', '5');
      args.push('-ac', String(settings.channels), '-write_xing', '0', '-id3v2_version', '0', '-write_id3v1', '0', '-f', 'mp3', job.outFile);
    }
    await runFfmpeg(args, path.dirname(jobs[0]!.outFile), estimatedBytes(jobs, settings), signal);
    return Promise.all(jobs.map((job, i) => inspect(job, gains[i]!, gains[i]! - bases[i]!)));
  } finally {
    await Promise.all(temporary.map((file) => rm(file, { force: true })));
  }
}

/** Gain, resampling, padding to the window, limiting; then the limiter's delay is trimmed off. */
export function segmentFilter(layout: SegmentLayout, gainDb: number, settings: EncodeSettings): string {
  const ceiling = limiterCeiling(settings);
  const delay = limiterDelay(layout.sampleRate);
  const end = layout.encodeSamples + delay;
  return [
    `volume=${gainDb.toFixed(2)}dB`,
    `aresample=${layout.sampleRate}`,
    `apad=whole_len=${end}`,
    `alimiter=limit=${ceiling.toFixed(4)}:attack=${LIMITER_ATTACK_MS}:release=${LIMITER_RELEASE_MS}:level=disabled`,
    `atrim=start_sample=${delay}:end_sample=${end}`,
    'asetpts=PTS-STARTPTS',
  ].join(',');
}

/**
 * The segment's samples (to model the limiter on) and the file ffmpeg reads them from: a single
 * cached clip is read where it is; anything else is written out as one PCM file first.
 */
async function segmentInput(job: SegmentJob, temporary: string[]): Promise<{ file: string; samples: Int16Array }> {
  const { parts, sampleRate } = job.spec;
  const only = parts[0];
  if (parts.length === 1 && only && 'file' in only.audio) return { file: only.audio.file, samples: await readSamples(only.audio) };
  const pcm = new Int16Array(job.layout.sourceSamples);
  let position = 0;
  for (const [i, part] of parts.entries()) {
    const samples = 'file' in part.audio ? await readSamples(part.audio) : part.audio.samples;
    pcm.set(samples.subarray(0, part.sampleCount), position);
    position += part.sampleCount + (i < parts.length - 1 ? Math.round(part.pauseAfter * sampleRate) : 0);
  }
  const file = `${job.outFile}.pcm`;
  temporary.push(file);
  await writeFile(file, Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
  return { file, samples: pcm };
}

async function readSamples(audio: { file: string; sha256?: string }): Promise<Int16Array> {
  const bytes = await readVerified(audio.file, audio.sha256);
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
}

/** Checks the encoder made exactly the frames the layout counts on, and measures the result. */
async function inspect(job: SegmentJob, gainDb: number, limiterDb: number): Promise<EncodedSegment> {
  const bytes = await readFile(job.outFile);
  const frames = indexFrames(bytes);
  if (frames.length !== job.layout.frames) {
    throw new RuntimeError(
      'E_SEGMENT_FRAMES',
      `the MP3 encoder made ${frames.length} frames where ${job.layout.frames} were expected.`,
      'Run `audio-edition doctor` to check ffmpeg and its LAME encoder.',
    );
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { frames: frames.length, bytes: bytes.length, crc: crc16(bytes), sha256, gainDb, limiterDb, ...lameVersion(bytes) };
}

/** LAME fills its first frame, which holds only its delay, with its version string. */
function lameVersion(bytes: Buffer): { encoder?: string } {
  const match = /LAME\d+\.\d+/.exec(bytes.subarray(0, Math.min(bytes.length, 512)).toString('latin1'));
  return match ? { encoder: match[0].slice(0, 9) } : {};
}

/** What the frames of these segments take on disk: the bitrate over their windows. */
function estimatedBytes(jobs: SegmentJob[], settings: EncodeSettings): number {
  return jobs.reduce((sum, job) => sum + Math.ceil((job.layout.encodeSamples / job.layout.sampleRate) * settings.bitrateKbps * 125), 0);
}

/**
 * Runs ffmpeg; a disk that fills or refuses under `folder` is the user's to fix, not ffmpeg's fault.
 * An abort kills it (its output is thrown away, so there is nothing to let it finish) and settles
 * only when it has exited, so the caller can remove its files.
 */
function runFfmpeg(args: string[], folder: string, bytes: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const child = spawn(toolPaths().ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const abort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString();
    });
    const fail = (detail: string, cause?: unknown) =>
      reject(new RuntimeError('E_FFMPEG', `ffmpeg failed: ${detail}`, 'Run `audio-edition doctor` to check ffmpeg.', cause));
    child.on('error', (error) => {
      signal?.removeEventListener('abort', abort);
      fail(error.message, error);
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) return reject(signal.reason);
      if (code === 0) return resolve();
      const disk = diskFailureOf(stderr);
      if (disk) return reject(toDiskError(disk, { file: folder, bytes }));
      fail(stderr.trim().split('\n')[0] || `exit code ${code}`);
    });
  });
}
