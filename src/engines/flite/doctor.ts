import type { EngineCheck, EngineContext } from '../types.js';
import { createFliteEngine } from './engine.js';

/** Synthesizes one short clip: proof that the WASM module loads and runs on this machine. */
export async function checkFlite(context: EngineContext): Promise<EngineCheck> {
  const engine = createFliteEngine({ ...context, concurrency: 1 });
  try {
    const voice = engine.defaultVoice;
    const clip = await engine.synthesize(engine.prepare({ text: 'Ready.', voice, language: 'en-US', lexicon: [] }));
    return { status: 'ok', detail: `synthesized a test clip with voice ${voice} (${clip.wav.length} bytes)` };
  } catch (error) {
    return { status: 'fail', detail: `flite could not synthesize: ${(error as Error).message}`, fix: 'Reinstall with `npm install`.' };
  } finally {
    await engine.close();
  }
}
