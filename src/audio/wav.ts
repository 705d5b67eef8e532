import { endianness } from 'node:os';

/** Minimal RIFF/WAVE reading and writing for 16-bit PCM, which is all the engines return. */

export interface Pcm {
  sampleRate: number;
  channels: number;
  /** Interleaved 16-bit samples. */
  samples: Int16Array;
}

/** WAV data is little-endian, like typed arrays on every host Node runs on; then a byte copy does. */
const LITTLE_ENDIAN = endianness() === 'LE';

export function parseWav(buffer: Buffer): Pcm {
  if (buffer.length < 12 || buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a WAV file');
  }
  let offset = 12;
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  let format = 0;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    // Streaming writers (the offline engine among them) may leave the size at 0 or 0xFFFFFFFF: take what is there.
    let size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = buffer.readUInt16LE(body);
      channels = buffer.readUInt16LE(body + 2);
      sampleRate = buffer.readUInt32LE(body + 4);
      bits = buffer.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (size === 0 || body + size > buffer.length) size = buffer.length - body;
      if ((format !== 1 && format !== 0xfffe) || bits !== 16) throw new Error(`unsupported WAV format ${format}/${bits}-bit`);
      const bytes = size - (size % (2 * channels));
      const copy = new Int16Array(bytes / 2);
      if (LITTLE_ENDIAN) new Uint8Array(copy.buffer).set(buffer.subarray(body, body + bytes));
      else for (let i = 0; i < copy.length; i++) copy[i] = buffer.readInt16LE(body + i * 2);
      return { sampleRate, channels, samples: copy };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

export function encodeWav(pcm: Pcm): Buffer {
  const dataBytes = pcm.samples.length * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(pcm.channels, 22);
  header.writeUInt32LE(pcm.sampleRate, 24);
  header.writeUInt32LE(pcm.sampleRate * pcm.channels * 2, 28);
  header.writeUInt16LE(pcm.channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, dataBytes)]);
}

/** Mixes interleaved channels down to mono. */
export function toMono(pcm: Pcm): Pcm {
  if (pcm.channels === 1) return pcm;
  const frames = pcm.samples.length / pcm.channels;
  const mono = new Int16Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < pcm.channels; c++) sum += pcm.samples[i * pcm.channels + c]!;
    mono[i] = Math.round(sum / pcm.channels);
  }
  return { sampleRate: pcm.sampleRate, channels: 1, samples: mono };
}
