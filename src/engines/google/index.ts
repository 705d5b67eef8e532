import { AudioEditionError } from '../../errors.js';
import type { EngineDefinition } from '../types.js';
import { googleConfigSchema, readGoogleConfig } from './config.js';
import { estimateGoogleCostUsd } from './pricing.js';
import { scriptsOfLanguage } from '../../text/scripts.js';
import { suggestGoogleVoice } from './default-voices.js';
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
  voiceScripts: (voice) => {
    const language = findVoiceLanguage(voice);
    const scripts = language ? scriptsOfLanguage(language) : [];
    // Every voice also reads Latin-script names and brands, as text in its language is full of them.
    return scripts.length > 0 ? [...new Set([...scripts, 'Latn'])] : undefined;
  },
  suggestVoice: suggestGoogleVoice,
  estimateCostUsd: (billedCharacters, voice, context) =>
    estimateGoogleCostUsd(billedCharacters, voice, readGoogleConfig(context.config).pricing),
  doctor: async (context, options) => (await import('./doctor.js')).checkGoogle(context, options),
  isSetupError: (error) => error instanceof AudioEditionError && error.code === 'E_GOOGLE_CREDENTIALS',
};
