import { readFile, writeFile, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type ffmpeg from 'fluent-ffmpeg';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { AudioConfig } from '../config/schema.js';
import { RuntimeError, toDiskError } from '../errors.js';
import type { CachedClip } from './clip.js';
import { createCommand, diskFailureOf } from './ffmpeg.js';

const execFileAsync = promisify(execFile);
import { integratedLoudness, SUB_BLOCK_SECONDS } from './loudness.js';
import { profileStage } from '../profile.js';

/**
 * Stitches cached clips and pauses into one MP3: the clips stream into a single ffmpeg
 * process in order (never the whole episode in memory), which applies one gain for the
 * episode's loudness, resamples, limits true peaks, writes ID3 tags and chapters, and
 * measures what it wrote.
 */

export type Segment =
  | { kind: 'clip'; clip: CachedClip }
  | { kind: 'silence'; seconds: number }
  /** Audio made in memory (a clip mixed with music); the voice starts `voiceStart` samples in. */
  | { kind: 'pcm'; samples: Int16Array; sampleRate: number; subBlocks: number[]; voiceStart: number };

export interface Chapter {
  title: string;
  start: number;
  end: number;
}

export interface EpisodeTags {
  title: string;
  album: string;
  artist: string;
  date: string;
  comment?: string;
  /** A local image file to embed as cover art. */
  coverFile?: string;
}

export interface StitchInput {
  segments: Segment[];
  chapters: Chapter[];
  tags: EpisodeTags;
  audio: AudioConfig;
  /** Where the MP3 goes (it is written to a temporary name beside it first). */
  outFile: string;
  onProgress?: (seconds: number) => void;
}

export interface Timeline {
  sampleRate: number;
  /** Start and end (seconds) of each segment, in order. */
  spans: Array<{ start: number; end: number }>;
  durationSeconds: number;
}

export interface LoudnessReport {
  /** Integrated loudness of the finished episode, LUFS. */
  integrated: number;
  /** True peak of the finished episode, dBTP. */
  truePeak: number;
  /** Gain applied to reach the target, dB. */
  gain: number;
}

/** Lays the segments end to end, in samples of the clips' rate, so timings are exact. */
export function layoutTimeline(segments: Segment[]): Timeline {
  const rates = new Set(
    segments.flatMap((segment) =>
      segment.kind === 'clip' ? [segment.clip.sampleRate] : segment.kind === 'pcm' ? [segment.sampleRate] : [],
    ),
  );
  if (rates.size > 1)
    throw new RuntimeError(
      'E_AUDIO_RATES',
      `clips have different sample rates (${[...rates].join(', ')}).`,
      'Build an episode with one engine and voice.',
    );
  const sampleRate = rates.values().next().value ?? 16000;
  let position = 0;
  const spans = segments.map((segment) => {
    const length = segmentSamples(segment, sampleRate);
    const span = { start: position / sampleRate, end: (position + length) / sampleRate };
    position += length;
    return span;
  });
  return { sampleRate, spans, durationSeconds: position / sampleRate };
}

function segmentSamples(segment: Segment, sampleRate: number): number {
  if (segment.kind === 'clip') return segment.clip.sampleCount;
  if (segment.kind === 'pcm') return segment.samples.length;
  return Math.round(segment.seconds * sampleRate);
}

/** The episode's loudness from the clips' cached sub-blocks; pauses count as silence. */
export function episodeLoudness(segments: Segment[], sampleRate: number): number {
  const subBlocks: number[] = [];
  for (const segment of segments) {
    if (segment.kind === 'clip') subBlocks.push(...segment.clip.subBlocks);
    else if (segment.kind === 'pcm') subBlocks.push(...segment.subBlocks);
    else for (let i = Math.round(segment.seconds / SUB_BLOCK_SECONDS); i > 0; i--) subBlocks.push(0);
  }
  return integratedLoudness({ subBlocks, sampleRate });
}

async function* streamPcm(segments: Segment[], sampleRate: number): AsyncGenerator<Buffer> {
  for (const segment of segments) {
    if (segment.kind === 'clip') yield await readFile(segment.clip.pcmFile);
    else if (segment.kind === 'pcm') yield Buffer.from(segment.samples.buffer, segment.samples.byteOffset, segment.samples.byteLength);
    else yield Buffer.alloc(segmentSamples(segment, sampleRate) * 2);
  }
}

/** FFMETADATA1 escaping: `=`, `;`, `#`, `\` and newlines are backslash-escaped. */
function escapeMetadata(value: string): string {
  return value.replace(/[=;#\\\n]/g, (c) => `\\${c}`);
}

export function renderFfmetadata(tags: EpisodeTags, chapters: Chapter[]): string {
  const lines = [';FFMETADATA1'];
  const put = (key: string, value: string | undefined) => value !== undefined && lines.push(`${key}=${escapeMetadata(value)}`);
  put('title', tags.title);
  put('album', tags.album);
  put('artist', tags.artist);
  put('album_artist', tags.artist);
  put('date', tags.date);
  put('genre', 'Podcast');
  put('comment', tags.comment);
  for (const chapter of chapters) {
    lines.push('[CHAPTER]', 'TIMEBASE=1/1000', `START=${Math.round(chapter.start * 1000)}`, `END=${Math.round(chapter.end * 1000)}`);
    put('title', chapter.title);
  }
  return `${lines.join('\n')}\n`;
}

/** The limiter works on samples; inter-sample peaks and MP3 encoding add up to about 1 dB. */
const TRUE_PEAK_HEADROOM_DB = 1.2;

/**
 * LAME in CBR mode lowers the integrated loudness of speech by about half a LU (measured
 * with ebur128 on the offline engine's voices and on synthetic speech, 64–128 kbps). The gain makes up
 * for it, and the reported figure is what the listener gets, not what went into the encoder.
 */
const MP3_LOUDNESS_LOSS_DB = 0.45;

/** Within this of the target, one encode is enough. */
const LOUDNESS_TOLERANCE_LU = 0.25;

export async function stitchEpisode(input: StitchInput): Promise<{ timeline: Timeline; loudness: LoudnessReport }> {
  const timeline = layoutTimeline(input.segments);
  const measured = episodeLoudness(input.segments, timeline.sampleRate);
  const metadataFile = `${input.outFile}.ffmeta`;
  await writeFile(metadataFile, renderFfmetadata(input.tags, input.chapters)).catch((error: unknown) => {
    throw toDiskError(error, diskNeeds(input, timeline)) ?? error;
  });
  try {
    // One gain for the whole episode. Peaky voices lose loudness in the limiter; when the
    // result misses the target, the gain is corrected by what was lost and encoded again.
    let gain = Number.isFinite(measured) ? input.audio.loudness - measured + MP3_LOUDNESS_LOSS_DB : 0;
    let result = await encode(input, timeline, gain, metadataFile);
    // Secant steps: the limiter gives back less than each added dB, by an amount measured here.
    let slope = 1;
    for (
      let attempt = 1;
      attempt < 4 && Number.isFinite(measured) && Math.abs(result.integrated - input.audio.loudness) > LOUDNESS_TOLERANCE_LU;
      attempt++
    ) {
      const step = (input.audio.loudness - result.integrated) / slope;
      const next = await encode(input, timeline, gain + step, metadataFile);
      slope = Math.min(1, Math.max(0.2, (next.integrated - result.integrated) / step));
      gain += step;
      result = next;
    }
    return { timeline, loudness: { ...result, gain } };
  } finally {
    await rm(metadataFile, { force: true });
  }
}

/**
 * One encode, as two ffmpeg processes so both cores work: the first applies the gain,
 * resamples, limits and measures (ebur128); the second, LAME, encodes its float output and
 * writes the tags. They are joined by a named pipe, so the audio never passes through Node
 * (relayed through Node streams the pair ran slower than one process). Where named pipes
 * are not available, one process runs the whole chain; the audio is the same either way.
 */
async function encode(
  input: StitchInput,
  timeline: Timeline,
  gain: number,
  metadataFile: string,
): Promise<{ integrated: number; truePeak: number }> {
  const ceiling = 10 ** ((input.audio.truePeak - TRUE_PEAK_HEADROOM_DB) / 20);
  const endEncode = profileStage('encode');
  const filters = [
    `volume=${gain.toFixed(2)}dB`,
    `aresample=${input.audio.sampleRate}`,
    `alimiter=limit=${Math.max(0.0625, ceiling).toFixed(4)}:attack=5:release=60:level=disabled`,
    'ebur128=peak=true:framelog=verbose',
  ];
  const fifo = await makeFifo(`${input.outFile}.f32.fifo`);
  let measureLog = '';
  const source = () =>
    createCommand()
      .input(Readable.from(streamPcm(input.segments, timeline.sampleRate)))
      .inputFormat('s16le')
      .inputOptions(['-ar', String(timeline.sampleRate), '-ac', '1'])
      .audioFilters(filters)
      .on('stderr', (line: string) => {
        measureLog += `${line}\n`;
      })
      // Reported by the measuring process: its input is a stream, which fluent-ffmpeg never
      // probes (a probe of the named pipe would steal the audio from the encoder).
      .on('progress', (progress: { timemark?: string }) => {
        if (input.onProgress && progress.timemark) input.onProgress(parseTimemark(progress.timemark));
      });
  try {
    // With more than one input, ffmpeg reads each through a queue of 8 packets by default;
    // so short a queue on the pipe made the encode 1.7x slower.
    const main = fifo
      ? createCommand()
          .input(fifo)
          .inputFormat('f32le')
          .inputOptions(['-ar', String(input.audio.sampleRate), '-ac', '1', '-thread_queue_size', '1024'])
      : source();
    const measurer = fifo ? source().audioCodec('pcm_f32le').format('f32le').output(fifo) : undefined;
    main.input(metadataFile).inputFormat('ffmetadata');
    const cover = input.tags.coverFile;
    if (cover) main.input(cover);
    main
      .outputOptions([
        '-map',
        '0:a',
        ...(cover ? ['-map', '2:v', '-c:v', 'copy', '-disposition:v', 'attached_pic'] : []),
        '-map_metadata',
        '1',
        '-map_chapters',
        '1',
        '-id3v2_version',
        '3',
        '-write_xing',
        '1',
        // LAME's quality 5: for speech at these bitrates no audible difference from its
        // slowest settings, at a fifth less encoding time.
        '-compression_level',
        '5',
      ])
      .audioCodec('libmp3lame')
      .audioBitrate(input.audio.bitrateKbps)
      .audioChannels(input.audio.channels)
      .audioFrequency(input.audio.sampleRate)
      .format('mp3')
      .output(input.outFile);
    await runTogether(measurer ? [measurer, main] : [main], diskNeeds(input, timeline));
  } finally {
    if (fifo) await rm(fifo, { force: true });
  }
  endEncode();
  const summary = parseEbur128Summary(measureLog);
  return { integrated: Math.round((summary.integrated - MP3_LOUDNESS_LOSS_DB) * 10) / 10, truePeak: summary.truePeak };
}

/** Where the MP3 is written and about how much room it takes, for the message when that disk is full. */
function diskNeeds(input: StitchInput, timeline: Timeline): { file: string; bytes: number } {
  return { file: path.dirname(input.outFile), bytes: Math.ceil((timeline.durationSeconds * input.audio.bitrateKbps * 1000) / 8) };
}

/**
 * Runs fluent-ffmpeg commands at once; if one fails, the others are stopped and the first error
 * wins once all have exited, unless one of them found the disk under `output.file` full or
 * read-only: that is reported as such (the others then only saw a broken pipe).
 */
function runTogether(commands: ffmpeg.FfmpegCommand[], output: { file: string; bytes: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = commands.length;
    const failures: Array<{ error: Error; stderr: string }> = [];
    const settle = () => {
      if (--pending > 0) return;
      const first = failures[0];
      if (!first) return resolve();
      const disk = failures.map((failure) => toDiskError(diskFailureOf(failure.stderr), output)).find(Boolean);
      reject(
        disk ??
          new RuntimeError(
            'E_FFMPEG',
            `ffmpeg failed: ${first.error.message.split('\n')[0]}`,
            'Run `audio-edition doctor` to check ffmpeg.',
            first.error,
          ),
      );
    };
    for (const command of commands) {
      command
        .on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
          if (failures.length === 0) for (const other of commands) if (other !== command) other.kill('SIGKILL');
          failures.push({ error, stderr: stderr ?? '' });
          settle();
        })
        .on('end', settle)
        .run();
    }
  });
}

/** A named pipe at `file`, or undefined where the platform has none. */
async function makeFifo(file: string): Promise<string | undefined> {
  if (process.platform === 'win32') return undefined;
  try {
    await rm(file, { force: true });
    await execFileAsync('mkfifo', [file]);
    return file;
  } catch {
    return undefined;
  }
}

function parseTimemark(timemark: string): number {
  const [h = '0', m = '0', s = '0'] = timemark.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

/** Reads ebur128's summary: `I: -16.0 LUFS` and `Peak: -1.8 dBFS` under "True peak". */
export function parseEbur128Summary(stderr: string): { integrated: number; truePeak: number } {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const integrated = Number(/I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary)?.[1] ?? NaN);
  const truePeak = Number(/True peak:\s+Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary)?.[1] ?? NaN);
  return { integrated, truePeak };
}
