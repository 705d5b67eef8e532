import { stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import type { MusicConfig } from '../config/schema.js';
import { ConfigError, RuntimeError } from '../errors.js';
import { createCommand } from './ffmpeg.js';
import { integratedLoudness, measureSubBlocks } from './loudness.js';

/**
 * Intro and outro music, mixed in the sample domain into the intro's or outro's own segment, so
 * every paragraph's time stays exact. Music is set relative to the voice's loudness, whatever
 * the engine's raw level: `volume` LU below the voice while it speaks, 12 LU louder on its own.
 */

const ALONE_BOOST_DB = 12;
/** Music on its own, before the voice (or after it, for the outro), at most this long. */
const MAX_ALONE_SECONDS = 20;

export interface MusicPart {
  samples: Int16Array;
  /** Where the voice starts inside `samples`, in samples. */
  voiceStart: number;
}

/** Decodes a music file to mono PCM; an aborted `signal` kills the decoder and rejects with its reason. */
export async function decodeMusic(file: string, sampleRate: number, signal?: AbortSignal): Promise<Int16Array> {
  try {
    await stat(file);
  } catch {
    throw new ConfigError(
      'E_MUSIC_MISSING',
      `music file ${file} does not exist.`,
      'Fix audio.introMusic.file or audio.outroMusic.file, or remove it.',
    );
  }
  signal?.throwIfAborted();
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolve, reject) => {
    const command = createCommand().input(file).noVideo().audioChannels(1).audioFrequency(sampleRate).format('s16le');
    const abort = () => command.kill('SIGKILL');
    signal?.addEventListener('abort', abort, { once: true });
    command
      // Called off before fluent-ffmpeg had spawned it: stop it as it starts.
      .on('start', () => {
        if (signal?.aborted) abort();
      })
      .on('error', (error: Error) => {
        signal?.removeEventListener('abort', abort);
        if (signal?.aborted) return reject(signal.reason);
        reject(
          new RuntimeError(
            'E_MUSIC_DECODE',
            `cannot decode music file ${file}: ${error.message.split('\n')[0]}`,
            'Use an MP3, WAV, FLAC or OGG file.',
            error,
          ),
        );
      })
      .on('end', () => {
        signal?.removeEventListener('abort', abort);
        resolve();
      })
      .pipe(sink, { end: true });
  });
  const bytes = Buffer.concat(chunks);
  const samples = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
  return samples;
}

function loudnessOf(samples: Int16Array, sampleRate: number): number {
  return integratedLoudness({ subBlocks: measureSubBlocks(samples, sampleRate), sampleRate });
}

function scale(samples: Int16Array, gainDb: number): Int16Array {
  const factor = 10 ** (gainDb / 20);
  return samples.map((s) => Math.max(-32768, Math.min(32767, Math.round(s * factor))));
}

/**
 * Mixes one piece of music with the voice clip it belongs to. For the intro, "before" plays
 * the music and then the voice; for the outro, "before" means the music follows the voice.
 * "under" lays the music under the voice, with a lead-in of `fadeSeconds` on its own.
 */
export function mixMusic(options: {
  music: Int16Array;
  voice: Int16Array;
  sampleRate: number;
  voiceLoudness: number;
  config: MusicConfig;
  position: 'intro' | 'outro';
}): MusicPart {
  const { music, voice, sampleRate, config } = options;
  const musicLoudness = loudnessOf(music, sampleRate);
  const relative = Number.isFinite(musicLoudness) && Number.isFinite(options.voiceLoudness) ? options.voiceLoudness - musicLoudness : 0;
  const fade = Math.round(config.fadeSeconds * sampleRate);
  if (config.mode === 'before') {
    const alone = scale(music.subarray(0, Math.round(MAX_ALONE_SECONDS * sampleRate)), relative + config.volume + ALONE_BOOST_DB);
    fadeEdge(alone, Math.round(0.05 * sampleRate), 'in');
    fadeEdge(alone, fade, 'out');
    const samples = new Int16Array(alone.length + voice.length);
    if (options.position === 'intro') {
      samples.set(alone, 0);
      samples.set(voice, alone.length);
      return { samples, voiceStart: alone.length };
    }
    samples.set(voice, 0);
    samples.set(alone, voice.length);
    return { samples, voiceStart: 0 };
  }
  // Under: lead-in, the voice over the bed, then the bed fades out after the voice.
  const lead = options.position === 'intro' ? fade : 0;
  const length = lead + voice.length + fade;
  const bed = new Int16Array(length);
  bed.set(music.subarray(0, length));
  const leadGain = 10 ** ((relative + config.volume + ALONE_BOOST_DB) / 20);
  const bedGain = 10 ** ((relative + config.volume) / 20);
  const samples = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    // The music ducks from its lead-in level to the bed level as the voice comes in.
    const duck = i < lead ? leadGain : i < lead + fade / 4 ? leadGain + (bedGain - leadGain) * ((i - lead) / (fade / 4 || 1)) : bedGain;
    const v = i >= lead && i < lead + voice.length ? voice[i - lead]! : 0;
    samples[i] = Math.max(-32768, Math.min(32767, Math.round(bed[i]! * duck + v)));
  }
  fadeEdge(samples, Math.round(0.05 * sampleRate), 'in');
  fadeEdge(samples, fade, 'out');
  return { samples, voiceStart: lead };
}

function fadeEdge(samples: Int16Array, length: number, edge: 'in' | 'out'): void {
  const n = Math.min(length, samples.length);
  for (let i = 0; i < n; i++) {
    const gain = i / n;
    const index = edge === 'in' ? i : samples.length - 1 - i;
    samples[index] = Math.round(samples[index]! * gain);
  }
}
