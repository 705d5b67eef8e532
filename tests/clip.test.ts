import { describe, expect, it } from 'vitest';
import { processClip } from '../src/audio/clip.js';
import { parseWav } from '../src/audio/wav.js';
import { speechLikeWav } from './helpers/audio.js';

describe('processClip', () => {
  it('trims leading and trailing silence and keeps the speech', () => {
    const wav = speechLikeWav({ seconds: 1, levelDb: -12, padding: 0.5 });
    const clip = processClip(wav);
    const seconds = clip.samples.length / clip.sampleRate;
    expect(seconds).toBeGreaterThan(0.98);
    expect(seconds).toBeLessThan(1.1);
    expect(parseWav(wav).samples.length / 16000).toBeCloseTo(2, 2);
  });

  it('fades the ends so joins do not click', () => {
    const clip = processClip(speechLikeWav({ seconds: 1, levelDb: -3 }));
    expect(Math.abs(clip.samples[0]!)).toBeLessThan(50);
    expect(Math.abs(clip.samples[clip.samples.length - 1]!)).toBeLessThan(50);
  });
});
