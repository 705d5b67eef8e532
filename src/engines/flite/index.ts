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
  estimateCostUsd: () => 0,
  doctor: async (context) => (await import('./doctor.js')).checkFlite(context),
  isSetupError: () => false,
};
