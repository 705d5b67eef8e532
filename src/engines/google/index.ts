import { AudioEditionError } from '../../errors.js';
import type { EngineDefinition } from '../types.js';
import { googleConfigSchema, readGoogleConfig } from './config.js';
import { estimateGoogleCostUsd } from './pricing.js';
import { findVoiceLanguage } from './voice-name.js';

/** Google Cloud Text-to-Speech through the official client, over gRPC. */
export const google: EngineDefinition = {
  id: 'google',
  summary: 'Google Cloud Text-to-Speech, needs credentials',
  configSchema: googleConfigSchema,
  create: async (context) => (await import('./engine.js')).createGoogleEngine(context),
  voiceLanguages: (voice) => {
    const language = findVoiceLanguage(voice);
    return language ? [language] : undefined;
  },
  estimateCostUsd: (billedCharacters, voice, context) =>
    estimateGoogleCostUsd(billedCharacters, voice, readGoogleConfig(context.config).pricing),
  doctor: async (context, options) => (await import('./doctor.js')).checkGoogle(context, options),
  isSetupError: (error) => error instanceof AudioEditionError && error.code === 'E_GOOGLE_CREDENTIALS',
};
