/**
 * EBU R 128 / ITU-R BS.1770 integrated loudness, computed from 100 ms sub-blocks of
 * K-weighted energy. Each clip's sub-blocks are computed once, when it enters the cache,
 * so an episode's loudness is known without decoding it again.
 */

export const SUB_BLOCK_SECONDS = 0.1;

interface Biquad {
  b: [number, number, number];
  a: [number, number];
}

/** The two K-weighting stages for any sample rate (coefficients as derived in libebur128). */
function kWeighting(sampleRate: number): [Biquad, Biquad] {
  let f0 = 1681.974450955533;
  const gain = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gain / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b: [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0],
    a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  };
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = { b: [1, -2, 1], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] };
  return [shelf, highPass];
}

/** Sum of squared K-weighted samples (full scale = 1) for each 100 ms of a mono clip. */
export function measureSubBlocks(samples: Int16Array, sampleRate: number): number[] {
  const [shelf, highPass] = kWeighting(sampleRate);
  const blockLength = Math.round(sampleRate * SUB_BLOCK_SECONDS);
  const blocks: number[] = [];
  // Direct form I: the high-pass stage runs on the shelf stage's output.
  let sx1 = 0,
    sx2 = 0,
    sy1 = 0,
    sy2 = 0,
    hy1 = 0,
    hy2 = 0;
  let sum = 0;
  let count = 0;
  const [sb0, sb1, sb2] = shelf.b;
  const [sa1, sa2] = shelf.a;
  const [hb0, hb1, hb2] = highPass.b;
  const [ha1, ha2] = highPass.a;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]! / 32768;
    const s = sb0 * x + sb1 * sx1 + sb2 * sx2 - sa1 * sy1 - sa2 * sy2;
    const h = hb0 * s + hb1 * sy1 + hb2 * sy2 - ha1 * hy1 - ha2 * hy2;
    sx2 = sx1;
    sx1 = x;
    sy2 = sy1;
    sy1 = s;
    hy2 = hy1;
    hy1 = h;
    sum += h * h;
    if (++count === blockLength) {
      blocks.push(sum);
      sum = 0;
      count = 0;
    }
  }
  if (count > 0) blocks.push(sum);
  return blocks;
}

export interface LoudnessInput {
  /** Sub-block energies in order; silence contributes zeros. */
  subBlocks: number[];
  sampleRate: number;
}

/** Integrated loudness in LUFS (gated), or -Infinity for silence. */
export function integratedLoudness({ subBlocks, sampleRate }: LoudnessInput): number {
  const blockSamples = 4 * Math.round(sampleRate * SUB_BLOCK_SECONDS);
  const powers: number[] = [];
  for (let i = 0; i + 4 <= subBlocks.length; i++) {
    const energy = subBlocks[i]! + subBlocks[i + 1]! + subBlocks[i + 2]! + subBlocks[i + 3]!;
    powers.push(energy / blockSamples);
  }
  const loudness = (power: number) => -0.691 + 10 * Math.log10(power);
  const absolute = powers.filter((power) => loudness(power) > -70);
  if (absolute.length === 0) return -Infinity;
  const relativeGate = loudness(mean(absolute)) - 10;
  const gated = absolute.filter((power) => loudness(power) > relativeGate);
  return loudness(mean(gated));
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** An episode's loudness as a build reports it. */
export interface LoudnessReport {
  /** Integrated loudness, LUFS. */
  integrated: number;
  /** Highest peak, dBTP (or dBFS where only sample peaks are known). */
  truePeak: number;
  /** Gain applied to reach the target, dB. */
  gain: number;
}
