import type { Voice } from '../types.js';

/** The voices compiled into flite, with what they sound like. */
export const FLITE_VOICES: readonly Voice[] = [
  { name: 'slt', languages: ['en-US'], gender: 'female', sampleRate: 16000, family: 'clustergen' },
  { name: 'rms', languages: ['en-US'], gender: 'male', sampleRate: 16000, family: 'clustergen' },
  { name: 'awb', languages: ['en-GB'], gender: 'male', sampleRate: 16000, family: 'clustergen' },
  { name: 'kal16', languages: ['en-US'], gender: 'male', sampleRate: 16000, family: 'diphone' },
];
