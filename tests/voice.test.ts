/** The one voice rule build and preview share, with the real engine definitions. */
import { afterEach, describe, expect, it } from 'vitest';
import { chooseVoice } from '../src/pipeline/voice.js';
import { openSpeech, type Speech } from '../src/pipeline/speech.js';
import { parseConfig } from './helpers/config.js';

const opened: Speech[] = [];
async function speechFor(config: Record<string, unknown>, engine?: string) {
  const speech = await openSpeech({ config: parseConfig(config), configDir: process.cwd(), ...(engine ? { engine } : {}) });
  opened.push(speech);
  return speech;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((speech) => speech.close()));
});

const shipped = { speech: { engine: 'flite', voice: 'slt' }, engines: { google: { voice: 'en-US-Wavenet-D' } } };

describe('chooseVoice', () => {
  it('takes --voice first, then the edition, then the config, for the configured engine', async () => {
    const speech = await speechFor(shipped);
    expect(chooseVoice(speech, { voice: 'rms', edition: { voice: 'awb' } })).toBe('rms');
    expect(chooseVoice(speech, { edition: { voice: 'awb' } })).toBe('awb');
    expect(chooseVoice(speech, { edition: {} })).toBe('slt');
  });

  it('keeps a configured voice the engine does not have, so the check reports the typo', async () => {
    const speech = await speechFor({ speech: { engine: 'flite', voice: 'slx' } });
    expect(chooseVoice(speech, {})).toBe('slx');
  });

  it('under another engine, uses that engine’s default instead of the configured engine’s voice', async () => {
    const speech = await speechFor(shipped, 'google');
    expect(chooseVoice(speech, { edition: {} })).toBe('en-US-Wavenet-D');
  });

  it('under another engine, keeps an edition’s voice that is one of that engine’s', async () => {
    const speech = await speechFor(shipped, 'google');
    expect(chooseVoice(speech, { edition: { voice: 'en-GB-Neural2-B' } })).toBe('en-GB-Neural2-B');
    const offline = await speechFor({ speech: { engine: 'google', voice: 'en-US-Neural2-F' } }, 'flite');
    expect(chooseVoice(offline, { edition: { voice: 'awb' } })).toBe('awb');
    expect(chooseVoice(offline, {})).toBe('slt');
  });
});
