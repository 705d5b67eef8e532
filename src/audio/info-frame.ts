import { crc16, ENCODER_DELAY, type FrameHeader, readFrameHeader } from './mp3-frames.js';

/**
 * The Xing/LAME header of a joined file: one silent frame before the audio that says how many
 * frames and bytes follow, where each percent of the duration starts (the TOC, for seeking),
 * and how many samples of encoder delay and padding a gapless decoder trims. "Info" rather
 * than "Xing" because the frames are constant bitrate. Laid out as LAME writes it; both CRCs
 * are LAME's: the music CRC over the audio frames, the tag CRC over every byte of this frame
 * before it.
 */

export interface InfoFrameInput {
  /** The first audio frame's header: the Info frame copies its version, rate and channel mode. */
  firstFrame: Uint8Array;
  /** Audio frames after the Info frame. */
  frames: number;
  /** Bytes of those frames. */
  audioBytes: number;
  /** Byte offset (from the first audio frame) where the given fraction of the frames starts; called for 0.00 … 0.99. */
  offsetAt: (fraction: number) => number;
  /** Samples at the end that are not audio (LAME's padding, decoder delay included). */
  padding: number;
  musicCrc: number;
  /** The 9-character encoder version, such as "LAME3.100". */
  encoder: string;
}

const XING_BYTES = 120;
const LAME_BYTES = 36;

export function renderInfoFrame(input: InfoFrameInput): Buffer {
  const template = readFrameHeader(input.firstFrame, 0);
  if (!template) throw new Error('the first audio frame has no valid header');
  const { header, layout } = infoHeader(input.firstFrame, template);
  const frame = Buffer.alloc(layout.bytes);
  header.copy(frame, 0);
  let at = 4 + template.sideInfoBytes;
  at += frame.write('Info', at, 'latin1');
  // Frames, bytes, TOC and quality present.
  at = frame.writeUInt32BE(0x0f, at);
  at = frame.writeUInt32BE(input.frames, at);
  const totalBytes = layout.bytes + input.audioBytes;
  at = frame.writeUInt32BE(totalBytes, at);
  for (let percent = 0; percent < 100; percent++) {
    const position = percent === 0 ? 0 : layout.bytes + input.offsetAt(percent / 100);
    frame[at++] = Math.min(255, Math.floor((256 * position) / totalBytes));
  }
  at = frame.writeUInt32BE(0, at);

  // The LAME extension.
  frame.write(input.encoder.padEnd(9, ' ').slice(0, 9), at, 'latin1');
  at += 9;
  // Tag revision 1, VBR method 1 (constant bitrate).
  frame[at++] = 0x11;
  // Lowpass, peak amplitude and both ReplayGain fields unknown; encoding flags and ATH type 0.
  at += 1 + 4 + 2 + 2 + 1;
  frame[at++] = Math.min(255, template.bitrateKbps);
  const padding = Math.max(0, Math.min(4095, input.padding));
  frame.writeUIntBE((ENCODER_DELAY << 12) | padding, at, 3);
  at += 3;
  // Misc: no noise shaping info, mono/stereo unknown, source rate (bits 6–7).
  frame[at++] = sourceRateBits(template.sampleRate) << 6;
  // MP3 gain 0, no preset or surround.
  at += 1 + 2;
  at = frame.writeUInt32BE(totalBytes, at);
  at = frame.writeUInt16BE(input.musicCrc, at);
  frame.writeUInt16BE(crc16(frame.subarray(0, at)), at);
  return frame;
}

/** The header for the Info frame: the audio's own, without padding, at a bitrate whose frame holds the tag. */
function infoHeader(firstFrame: Uint8Array, template: FrameHeader): { header: Buffer; layout: FrameHeader } {
  const needed = 4 + template.sideInfoBytes + XING_BYTES + LAME_BYTES;
  const header = Buffer.from(firstFrame.subarray(0, 4));
  header[2] = header[2]! & ~0x02;
  for (let index = header[2]! >> 4; index < 15; index++) {
    header[2] = (index << 4) | (header[2]! & 0x0f);
    const layout = readFrameHeader(header, 0)!;
    if (layout.bytes >= needed) return { header, layout };
  }
  throw new Error('no bitrate has room for the Info frame');
}

function sourceRateBits(sampleRate: number): number {
  if (sampleRate <= 32000) return 0;
  if (sampleRate === 44100) return 1;
  if (sampleRate === 48000) return 2;
  return 3;
}
