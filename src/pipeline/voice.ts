import type { Edition } from '../edition/types.js';
import type { Speech } from './speech.js';

/**
 * The voice, by one rule for every command: `--voice`; else the voice the edition's front matter
 * or the config's `speech.voice` names, if it belongs to the engine in use; else that engine's
 * default (`engines.<id>.voice`).
 *
 * A named voice belongs to the configured engine (`speech.engine`): a typo there stays an error.
 * Under another engine (`--engine`), it belongs when that engine says the name is one of its
 * own, so another engine is never asked for the configured engine's voice.
 */
export function chooseVoice(speech: Speech, options: { voice?: string; edition?: Pick<Edition, 'voice'> }): string {
  if (options.voice) return options.voice;
  const { config } = speech.context;
  const configured = speech.definition.id === config.speech.engine;
  for (const named of [options.edition?.voice, config.speech.voice]) {
    if (named && (configured || speech.definition.voiceLanguages(named))) return named;
  }
  return speech.engine.defaultVoice;
}

/**
 * Asks the engine whether it has the voice. A dry run only plans and prices, so on a machine
 * that cannot reach the engine yet (no credentials) it goes on with a warning instead.
 */
export async function checkVoice(speech: Speech, voice: string, options: { dryRun: boolean; onWarning: (message: string) => void }) {
  try {
    await speech.engine.checkVoice(voice);
  } catch (error) {
    if (!options.dryRun || !speech.definition.isSetupError(error)) throw error;
    options.onWarning(`voice "${voice}" not checked: ${(error as Error).message}`);
  }
}
