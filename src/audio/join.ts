import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import { DamagedCacheError, toDiskError } from '../errors.js';
import { renderInfoFrame } from './info-frame.js';
import { combineCrc16, crc16, ENCODER_DELAY, indexFrames, samplesPerFrame } from './mp3-frames.js';
import { SEGMENT_OVERHEAD } from './segment.js';
import { readVerified } from './verified.js';

/**
 * Joins encoded segments into one MP3 without decoding: an ID3 tag, one Info frame for the
 * whole file, then the segments' frames as they are. A shorter length drops whole frames from
 * the end (an MP3 frame only ever borrows bits from earlier frames, so the ones kept decode the
 * same) and trims the rest through the Info frame's padding.
 */

export interface JoinPiece {
  /** Bare MP3 frames of one segment. */
  file: string;
  frames: number;
  bytes: number;
  crc: number;
  /** SHA-256 of the frames: a piece whose bytes differ is not joined (a DamagedCacheError names it). */
  sha256?: string;
}

export interface JoinInput {
  pieces: JoinPiece[];
  /** The output rate the segments were encoded at. */
  sampleRate: number;
  /** Decoded samples wanted, from the first segment's start; at most what the segments hold. */
  lengthSamples?: number;
  /** The ID3v2 tag, rendered. */
  tag: Buffer;
  /** The encoder version for the LAME tag, such as "LAME3.100". */
  encoder: string;
  outFile: string;
}

export interface JoinResult {
  bytes: number;
  /** Decoded samples a gapless player gives. */
  samples: number;
  durationSeconds: number;
}

export async function joinSegments(input: JoinInput): Promise<JoinResult> {
  if (input.pieces.length === 0) throw new Error('nothing to join');
  const frameSamples = samplesPerFrame(input.sampleRate);
  const allFrames = input.pieces.reduce((sum, piece) => sum + piece.frames, 0);
  // As LAME would: at least its least padding after the last sample kept.
  const available = allFrames * frameSamples - SEGMENT_OVERHEAD;
  const samples = Math.max(1, Math.min(available, Math.round(input.lengthSamples ?? available)));
  const keptFrames = Math.ceil((samples + SEGMENT_OVERHEAD) / frameSamples);

  // The segments that are kept, the last possibly cut to its first frames.
  const kept: Array<{ piece: JoinPiece; bytes?: Buffer }> = [];
  let framesLeft = keptFrames;
  for (const piece of input.pieces) {
    if (framesLeft === 0) break;
    if (piece.frames <= framesLeft) {
      kept.push({ piece });
      framesLeft -= piece.frames;
      continue;
    }
    const whole = await readVerified(piece.file, piece.sha256);
    const cut = whole.subarray(0, indexFrames(whole)[framesLeft]);
    kept.push({ piece: { ...piece, frames: framesLeft, bytes: cut.length, crc: crc16(cut) }, bytes: cut });
    framesLeft = 0;
  }

  const audioBytes = kept.reduce((sum, { piece }) => sum + piece.bytes, 0);
  const musicCrc = kept.reduce((crc, { piece }) => combineCrc16(crc, piece.crc, piece.bytes), 0);
  const first = kept[0]!.bytes ?? (await readHead(kept[0]!.piece.file));
  const info = renderInfoFrame({
    firstFrame: first.subarray(0, 4),
    frames: keptFrames,
    audioBytes,
    offsetAt: (fraction) => byteAtFrame(kept, Math.floor(fraction * keptFrames)),
    padding: keptFrames * frameSamples - ENCODER_DELAY - samples,
    musicCrc,
    encoder: input.encoder,
  });

  const total = input.tag.length + info.length + audioBytes;
  try {
    const handle = await open(input.outFile, 'w');
    try {
      await handle.write(input.tag);
      await handle.write(info);
      await writePieces(handle, kept);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    // A full or read-only disk names the folder the MP3 was being written into, and its size.
    throw toDiskError(error, { file: path.dirname(input.outFile), bytes: total }) ?? error;
  }
  return { bytes: total, samples, durationSeconds: samples / input.sampleRate };
}

/**
 * Copies the pieces' frames, each read once, the next while the last is written, and checked
 * against its checksum. After a damaged piece nothing more is written, but the rest are still
 * checked, so that all the damaged ones are named at once (the caller removes the file).
 */
async function writePieces(handle: FileHandle, kept: Array<{ piece: JoinPiece; bytes?: Buffer }>): Promise<void> {
  const damaged: string[] = [];
  const read = (index: number): Promise<Buffer | undefined> => {
    const { piece, bytes } = kept[index]!;
    if (bytes) return Promise.resolve(bytes);
    return readVerified(piece.file, piece.sha256).catch((error: unknown) => {
      if (!(error instanceof DamagedCacheError)) throw error;
      damaged.push(piece.file);
      return undefined;
    });
  };
  let next = read(0);
  for (let index = 0; index < kept.length; index++) {
    const bytes = await next;
    if (index + 1 < kept.length) {
      next = read(index + 1);
      // Awaited on the next turn; a write failing first must not leave it unhandled.
      next.catch(() => {});
    }
    if (bytes && damaged.length === 0) await handle.write(bytes);
  }
  if (damaged.length > 0) throw new DamagedCacheError(damaged);
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head;
  } finally {
    await handle.close();
  }
}

/** Where a frame starts, from the first audio frame; inside a segment its frames are taken as equal (CBR), off by a byte at most. */
function byteAtFrame(kept: Array<{ piece: JoinPiece }>, frame: number): number {
  let bytes = 0;
  let frames = 0;
  for (const { piece } of kept) {
    if (frame < frames + piece.frames) return bytes + Math.round(((frame - frames) * piece.bytes) / piece.frames);
    bytes += piece.bytes;
    frames += piece.frames;
  }
  return bytes;
}
