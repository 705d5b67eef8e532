import type { EngineDefinition } from '../types.js';
import { fliteConfigSchema } from './config.js';
import { FLITE_VOICES } from './voices.js';

/** Flite compiled to WebAssembly: offline, installed by `npm install`, free. */
export const flite: EngineDefinition = {
  id: 'flite',
  summary: 'offline, no account',
  configSchema: fliteConfigSchema,
  create: async (context) => (await import('./engine.js')).createFliteEngine(context),
  voiceLanguages: (voice) => FLITE_VOICES.find((known) => known.name === voice)?.languages,
  // Flite's lexicon and letter-to-sound rules are English: it passes over letters of any other
  // script without a sound, so an Arabic paragraph would come out silent.
  voiceScripts: (voice) => (FLITE_VOICES.some((known) => known.name === voice) ? ['Latn'] : undefined),
  suggestVoice: (language) => {
    const wanted = language.toLowerCase();
    const primary = wanted.split('-')[0];
    const voices = FLITE_VOICES.filter((voice) => voice.languages.some((code) => code.toLowerCase().split('-')[0] === primary));
    return (voices.find((voice) => voice.languages.some((code) => code.toLowerCase() === wanted)) ?? voices[0])?.name;
  },
  estimateCostUsd: () => 0,
  doctor: async (context) => (await import('./doctor.js')).checkFlite(context),
  isSetupError: () => false,
};
