import { integratedLoudness, measureSubBlocks } from './loudness.js';

/**
 * What the true-peak limiter will take off a segment's loudness, worked out before encoding so
 * one encode lands on the target. A peaky voice (the offline engine's diphone voice, say) brought to the
 * loudness target has peaks far over the ceiling; the limiter pulls them down and the segment
 * ends up quieter than its gain promised. This models ffmpeg's alimiter (lookahead over the
 * attack time, exponential release) on the segment's own samples, measures the result, and
 * raises the gain by what was lost, a few times over, since the limiter then bites harder.
 */

export interface LimiterModel {
  /** Sample ceiling, linear (full scale = 1). */
  ceiling: number;
  attackMs: number;
  releaseMs: number;
}

const ROUNDS = 3;

/** The gain (dB) that leaves `samples` at `baseGain`'s loudness after the limiter. */
export function compensateLimiter(samples: Int16Array, sampleRate: number, baseGain: number, model: LimiterModel): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  // Nothing reaches the ceiling: the limiter does nothing.
  if ((peak / 32768) * 10 ** (baseGain / 20) <= model.ceiling) return baseGain;
  const unlimited = integratedLoudness({ subBlocks: measureSubBlocks(samples, sampleRate), sampleRate });
  if (!Number.isFinite(unlimited)) return baseGain;
  const wanted = unlimited + baseGain;
  let gain = baseGain;
  for (let round = 0; round < ROUNDS; round++) {
    const limited = integratedLoudness({ subBlocks: measureSubBlocks(limit(samples, sampleRate, gain, model), sampleRate), sampleRate });
    const missing = wanted - limited;
    if (!Number.isFinite(missing) || Math.abs(missing) < 0.05) break;
    gain += missing;
  }
  // Beyond this the limiter only flattens the voice further; better a little quiet than crushed.
  return Math.min(gain, baseGain + 6);
}

/** The samples after the gain and the limiter, as 16-bit samples again. */
export function limit(samples: Int16Array, sampleRate: number, gainDb: number, model: LimiterModel): Int16Array {
  const scale = 10 ** (gainDb / 20) / 32768;
  const attack = Math.max(1, Math.round((sampleRate * model.attackMs) / 1000));
  const release = 1 - Math.exp(-1 / ((sampleRate * model.releaseMs) / 1000));
  const ceiling = model.ceiling;
  const length = samples.length;
  const need = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const magnitude = Math.abs(samples[i]! * scale);
    need[i] = magnitude > ceiling ? ceiling / magnitude : 1;
  }
  // The gain a sample gets is the least any sample within the attack ahead of it needs
  // (a sliding minimum over a monotonic queue of indexes), recovering towards 1 at the release rate.
  const out = new Int16Array(length);
  const window = new Int32Array(length);
  let head = 0;
  let tail = 0;
  let gain = 1;
  const full = scale * 32768;
  for (let i = 0; i < length + attack; i++) {
    if (i < length) {
      const wanted = need[i]!;
      while (tail > head && need[window[tail - 1]!]! >= wanted) tail--;
      window[tail++] = i;
    }
    const at = i - attack;
    if (at < 0) continue;
    while (window[head]! < at) head++;
    const target = need[window[head]!]!;
    gain = target < gain ? target : gain + (target - gain) * release;
    const value = Math.round(samples[at]! * full * gain);
    out[at] = Math.max(-32768, Math.min(32767, value));
  }
  return out;
}
