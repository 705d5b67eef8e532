/**
 * MPEG audio Layer III frames, read at the level a joiner needs: where each frame starts, how
 * long it is, how many samples it decodes to. Plus the CRC-16 that the LAME tag carries, with a
 * combine step so a file's CRC follows from its segments' without reading their bytes again.
 */

/** LAME's encoder delay: the samples of silence it puts before the first input sample. */
export const ENCODER_DELAY = 576;
/**
 * LAME's padding is never less than this: given N samples it writes ceil((N + 1152) / 1152)
 * frames at 1152 samples a frame (measured with ffmpeg's libmp3lame, 22.05–48 kHz).
 */
export const MIN_PADDING = 576;

export interface FrameHeader {
  /** 1 for MPEG-1, 2 for MPEG-2 and 2.5. */
  version: 1 | 2;
  sampleRate: number;
  channels: 1 | 2;
  bitrateKbps: number;
  /** Bytes of the whole frame, header included. */
  bytes: number;
  /** Decoded samples per channel: 1152 for MPEG-1, 576 for MPEG-2. */
  samples: number;
  /** Bytes of side information after the 4-byte header (no CRC is written). */
  sideInfoBytes: number;
}

const BITRATES = {
  1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
} as const;
const SAMPLE_RATES = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] } as const;

/** Samples per frame at an output rate: MPEG-1 above 24 kHz, MPEG-2 below. */
export function samplesPerFrame(sampleRate: number): number {
  return sampleRate >= 32000 ? 1152 : 576;
}

/** The Layer III frame header at `offset`, or undefined when there is none there. */
export function readFrameHeader(buffer: Uint8Array, offset: number): FrameHeader | undefined {
  if (offset + 4 > buffer.length || buffer[offset] !== 0xff || (buffer[offset + 1]! & 0xe0) !== 0xe0) return undefined;
  const versionBits = (buffer[offset + 1]! >> 3) & 3;
  const layerBits = (buffer[offset + 1]! >> 1) & 3;
  const bitrateIndex = buffer[offset + 2]! >> 4;
  const rateIndex = (buffer[offset + 2]! >> 2) & 3;
  if (versionBits === 1 || layerBits !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const version = versionBits === 3 ? 1 : 2;
  const sampleRate = SAMPLE_RATES[versionBits as 0 | 2 | 3][rateIndex]!;
  const bitrateKbps = BITRATES[version][bitrateIndex]!;
  const padding = (buffer[offset + 2]! >> 1) & 1;
  const channels = buffer[offset + 3]! >> 6 === 3 ? 1 : 2;
  const samples = version === 1 ? 1152 : 576;
  return {
    version,
    sampleRate,
    channels,
    bitrateKbps,
    bytes: Math.floor(((samples / 8) * bitrateKbps * 1000) / sampleRate) + padding,
    samples,
    sideInfoBytes: version === 1 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17,
  };
}

/** Byte offsets of every frame in a buffer of bare frames; throws at anything else. */
export function indexFrames(buffer: Uint8Array): number[] {
  const offsets: number[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const header = readFrameHeader(buffer, offset);
    if (!header || offset + header.bytes > buffer.length) throw new Error(`no MP3 frame at byte ${offset}`);
    offsets.push(offset);
    offset += header.bytes;
  }
  return offsets;
}

/** CRC-16 as MP3 and the LAME tag use it (polynomial 0x8005, reflected, initial value 0). */
const CRC_TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
    table[i] = crc;
  }
  return table;
})();

export function crc16(bytes: Uint8Array, crc = 0): number {
  let value = crc;
  for (let i = 0; i < bytes.length; i++) value = (value >>> 8) ^ CRC_TABLE[(value ^ bytes[i]!) & 0xff]!;
  return value;
}

/**
 * The CRC of A followed by B, from the CRC of each and B's length. With an initial value of 0
 * the CRC is linear, so crc(A‖B) = crc(A) advanced over len(B) zero bytes, xor crc(B); the
 * advance is a 16×16 bit matrix raised to len(B) by squaring.
 */
export function combineCrc16(crcA: number, crcB: number, lengthB: number): number {
  // The operator for one zero bit: the reflected shift with the polynomial fed back.
  let operator: Uint16Array = new Uint16Array(16);
  operator[0] = 0xa001;
  for (let bit = 1; bit < 16; bit++) operator[bit] = 1 << (bit - 1);
  let remaining = lengthB * 8;
  let value = crcA;
  while (remaining > 0) {
    if (remaining & 1) value = applyMatrix(operator, value);
    operator = squareMatrix(operator);
    remaining = Math.floor(remaining / 2);
  }
  return value ^ crcB;
}

function applyMatrix(matrix: Uint16Array, vector: number): number {
  let result = 0;
  for (let bit = 0; vector; bit++, vector >>>= 1) if (vector & 1) result ^= matrix[bit]!;
  return result;
}

function squareMatrix(matrix: Uint16Array): Uint16Array {
  const square = new Uint16Array(16);
  for (let bit = 0; bit < 16; bit++) square[bit] = applyMatrix(matrix, matrix[bit]!);
  return square;
}
