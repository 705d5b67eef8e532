import { readFile, writeFile, rm } from 'node:fs/promises';
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { Readable } from 'node:stream';
import type { AudioConfig } from '../config/schema.js';
import { RuntimeError } from '../errors.js';
import type { CachedClip } from '../speech/cache.js';
import { toolPaths } from './ffmpeg.js';
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
  const rates = new Set(segments.flatMap((segment) => (segment.kind === 'clip' ? [segment.clip.sampleRate] : segment.kind === 'pcm' ? [segment.sampleRate] : [])));
  if (rates.size > 1) throw new RuntimeError('E_AUDIO_RATES', `clips have different sample rates (${[...rates].join(', ')}).`, 'Build an episode with one engine and voice.');
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
 * with ebur128 on flite's voices and on synthetic speech, 64–128 kbps). The gain makes up
 * for it, and the reported figure is what the listener gets, not what went into the encoder.
 */
const MP3_LOUDNESS_LOSS_DB = 0.45;

/** Within this of the target, one encode is enough. */
const LOUDNESS_TOLERANCE_LU = 0.25;

export async function stitchEpisode(input: StitchInput): Promise<{ timeline: Timeline; loudness: LoudnessReport }> {
  const timeline = layoutTimeline(input.segments);
  const measured = episodeLoudness(input.segments, timeline.sampleRate);
  const metadataFile = `${input.outFile}.ffmeta`;
  await writeFile(metadataFile, renderFfmetadata(input.tags, input.chapters));
  try {
    // One gain for the whole episode. Peaky voices lose loudness in the limiter; when the
    // result misses the target, the gain is corrected by what was lost and encoded again.
    let gain = Number.isFinite(measured) ? input.audio.loudness - measured + MP3_LOUDNESS_LOSS_DB : 0;
    let result = await encode(input, timeline, gain, metadataFile);
    // Secant steps: the limiter gives back less than each added dB, by an amount measured here.
    let slope = 1;
    for (let attempt = 1; attempt < 4 && Number.isFinite(measured) && Math.abs(result.integrated - input.audio.loudness) > LOUDNESS_TOLERANCE_LU; attempt++) {
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
 * One encode, as two ffmpeg processes joined by a pipe so both cores work: the first applies
 * the gain, resamples, limits and measures (ebur128); the second, LAME, encodes its float
 * output and writes the tags. The audio is the same as one process running the whole chain.
 * They are spawned directly (the pipe is shared between them, never copied through Node):
 * relayed through fluent-ffmpeg streams the pair ran slower than one process.
 */
async function encode(input: StitchInput, timeline: Timeline, gain: number, metadataFile: string): Promise<{ integrated: number; truePeak: number }> {
  const ceiling = 10 ** ((input.audio.truePeak - TRUE_PEAK_HEADROOM_DB) / 20);
  const endEncode = profileStage('encode');
  const rate = String(input.audio.sampleRate);
  const filters = [
    `volume=${gain.toFixed(2)}dB`,
    `aresample=${rate}`,
    `alimiter=limit=${Math.max(0.0625, ceiling).toFixed(4)}:attack=5:release=60:level=disabled`,
    'ebur128=peak=true:framelog=verbose',
  ];
  const cover = input.tags.coverFile;
  const encoder = runFfmpeg(
    [
      '-nostdin', '-y',
      // With more than one input, ffmpeg reads each on its own thread through a queue of 8
      // packets by default; so short a queue on the pipe made the encode 1.7x slower.
      '-f', 'f32le', '-ar', rate, '-ac', '1', '-thread_queue_size', '1024', '-i', 'pipe:0',
      '-f', 'ffmetadata', '-i', metadataFile,
      ...(cover ? ['-i', cover] : []),
      '-map', '0:a',
      ...(cover ? ['-map', '2:v', '-c:v', 'copy', '-disposition:v', 'attached_pic'] : []),
      '-map_metadata', '1',
      '-map_chapters', '1',
      '-id3v2_version', '3',
      '-write_xing', '1',
      '-c:a', 'libmp3lame', '-b:a', `${input.audio.bitrateKbps}k`, '-ac', String(input.audio.channels), '-ar', rate,
      '-f', 'mp3', input.outFile,
    ],
    { stdin: 'pipe', onStderr: (chunk) => reportProgress(chunk, input.onProgress) },
  );
  const measure = runFfmpeg(
    ['-nostdin', '-f', 's16le', '-ar', String(timeline.sampleRate), '-ac', '1', '-i', 'pipe:0', '-af', filters.join(','), '-c:a', 'pcm_f32le', '-f', 'f32le', 'pipe:1'],
    { stdin: 'pipe', stdout: encoder.child.stdin! },
  );
  // The encoder reads straight from the measuring process; Node keeps no end of that pipe.
  encoder.child.stdin!.destroy();
  const pcm = Readable.from(streamPcm(input.segments, timeline.sampleRate));
  const fed = new Promise<void>((resolve, reject) => {
    pcm.on('error', (error) => reject(new RuntimeError('E_FFMPEG', `ffmpeg failed: could not read the clips: ${error.message}`, 'Run the build again; a damaged clip is synthesized anew with --force.', error)));
    pcm.on('end', resolve);
  });
  measure.child.stdin!.on('error', () => {}); // a failed ffmpeg is reported by its exit code
  pcm.pipe(measure.child.stdin!);
  try {
    const [stderr] = await Promise.all([measure.done, encoder.done, fed]);
    endEncode();
    const summary = parseEbur128Summary(stderr);
    return { integrated: Math.round((summary.integrated - MP3_LOUDNESS_LOSS_DB) * 10) / 10, truePeak: summary.truePeak };
  } catch (error) {
    // One side failed: stop the other rather than leave it waiting on the pipe.
    pcm.destroy();
    measure.child.kill('SIGKILL');
    encoder.child.kill('SIGKILL');
    await Promise.allSettled([measure.done, encoder.done]);
    throw error;
  }
}

/** Runs ffmpeg; resolves with its stderr when it exits 0, else rejects naming its last words. */
function runFfmpeg(args: string[], options: { stdin: 'pipe'; stdout?: NodeJS.WritableStream; onStderr?: (chunk: string) => void }): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(toolPaths().ffmpeg, ['-hide_banner', ...args], { stdio: [options.stdin, options.stdout ?? 'ignore', 'pipe'] as StdioOptions });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    options.onStderr?.(chunk);
  });
  const done = new Promise<string>((resolve, reject) => {
    const fail = (message: string, cause?: Error) => reject(new RuntimeError('E_FFMPEG', `ffmpeg failed: ${message}`, 'Run `audio-edition doctor` to check ffmpeg.', cause));
    child.on('error', (error) => fail(error.message.split('\n')[0] ?? '', error));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(stderr);
      const last = stderr.split(/[\r\n]+/).filter((line) => line.trim()).pop() ?? '';
      fail(`ffmpeg exited with ${code === null ? `signal ${signal}` : `code ${code}`}: ${last}`);
    });
  });
  return { child, done };
}

/** ffmpeg's status lines carry `time=HH:MM:SS.ss`: how far the encode has got. */
function reportProgress(chunk: string, onProgress: ((seconds: number) => void) | undefined): void {
  if (!onProgress) return;
  const times = [...chunk.matchAll(/time=\s*(\d+:\d+:[\d.]+)/g)];
  const last = times[times.length - 1];
  if (last) onProgress(parseTimemark(last[1]!));
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
