import type { Config } from '../config/schema.js';
import { findEngine } from '../engines/index.js';
import type { Voice } from '../engines/types.js';

export interface VoiceList {
  engine: string;
  defaultVoice: string;
  voices: Voice[];
}

/** The voices an engine offers, optionally for one language (`en`, `en-GB`). */
export async function listVoices(options: { config: Config; configDir: string; engine?: string; language?: string }): Promise<VoiceList> {
  const definition = findEngine(options.engine ?? options.config.speech.engine);
  const engine = await definition.create({ config: options.config, configDir: options.configDir });
  try {
    const voices = await engine.voices(options.language ? { language: options.language } : undefined);
    return { engine: engine.id, defaultVoice: engine.defaultVoice, voices };
  } finally {
    await engine.close();
  }
}
