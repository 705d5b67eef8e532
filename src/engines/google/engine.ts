import type { TextToSpeechClient } from '@google-cloud/text-to-speech';
import { EngineError, type ErrorLocation } from '../../errors.js';
import { splitText } from '../../text/split.js';
import { joinWavParts } from './audio.js';
import { createCallOptions, createTextToSpeechClient, describeEndpoint } from './client.js';
import { readGoogleConfig, type GoogleConfig } from './config.js';
import { checkGoogleCredentials } from './credentials.js';
import { DEFAULT_QUOTA_RETRY, retryOnQuota, toEngineError, type QuotaRetrySettings } from './faults.js';
import { countBilledCharacters, findVoiceFamily } from './pricing.js';
import { acceptsSsml, renderPlainText, renderSsml } from './ssml.js';
import { findVoiceLanguage } from './voice-name.js';
import type { EngineContext, PreparedRequest, SpeechEngine, SpeechRequest, SynthesizeOptions, Voice } from '../types.js';

/** The service refuses inputs over 5,000 bytes, SSML markup included. */
export const MAX_INPUT_BYTES = 5000;

/** Bump when what `prepare` sends changes, so clips made the old way are not reused. */
const PREPARE_VERSION = 1;

/** Families whose voices take no pitch adjustment; the service rejects a non-zero pitch for them. */
const NO_PITCH_FAMILIES = new Set(['Chirp 3 HD', 'Chirp HD', 'Journey']);

/** Everything in a prepared request that shapes the audio besides the voice and the inputs. */
export interface GoogleSettings {
  languageCode: string;
  audioEncoding: 'LINEAR16';
  sampleRateHertz: number;
  speakingRate: number;
  pitch: number;
  volumeGainDb: number;
  effectsProfile: string[];
}

export interface GoogleEngineOptions {
  /** How quota errors are retried; tests shorten the waits. */
  quotaRetry?: Partial<QuotaRetrySettings>;
}

export interface GoogleSynthesizeOptions extends SynthesizeOptions {
  /** Named in the error when the request fails for good. */
  location?: ErrorLocation;
}

export async function createGoogleEngine(context: EngineContext, options: GoogleEngineOptions = {}): Promise<SpeechEngine> {
  const config = readGoogleConfig(context.config);
  const quotaRetry = { ...DEFAULT_QUOTA_RETRY, ...options.quotaRetry };
  const endpoint = describeEndpoint(config);
  let client: Promise<TextToSpeechClient> | undefined;
  let voiceList: Promise<Voice[]> | undefined;

  /** One client for all calls (it multiplexes one channel); created on first use so dry runs need no credentials. */
  function connect(): Promise<TextToSpeechClient> {
    client ??= openClient(context).catch((error: unknown) => {
      client = undefined;
      throw toEngineError(error, { endpoint, timeoutSeconds: config.timeoutSeconds });
    });
    return client;
  }

  async function listVoices(languageCode?: string): Promise<Voice[]> {
    const tts = await connect();
    try {
      const [response] = await retryOnQuota(
        () => tts.listVoices(languageCode ? { languageCode } : {}, createCallOptions(config)),
        quotaRetry,
      );
      return (response.voices ?? []).map(toVoice).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      throw toEngineError(error, { endpoint, timeoutSeconds: config.timeoutSeconds });
    }
  }

  return {
    id: 'google',
    defaultVoice: config.voice,
    defaultConcurrency: 4,

    voices: (filter) => listVoices(filter?.language),

    async checkVoice(voice) {
      voiceList ??= listVoices().catch((error: unknown) => {
        voiceList = undefined;
        throw error;
      });
      const known = await voiceList;
      if (!known.some((candidate) => candidate.name === voice)) {
        throw new EngineError('E_VOICE_UNKNOWN', `unknown voice "${voice}" for engine google.`, {
          exitCode: 2,
          hint: 'Run `audio-edition voices --engine google` to list them, and set one with --voice or engines.google.voice.',
        });
      }
      checkVoiceSettings(voice, config);
    },

    prepare: (request) => prepareGoogleRequest(request, config),

    async synthesize(prepared, synthesizeOptions: GoogleSynthesizeOptions = {}) {
      const tts = await connect();
      const settings = prepared.settings as unknown as GoogleSettings;
      const failure = { voice: prepared.voice, endpoint, timeoutSeconds: config.timeoutSeconds, location: synthesizeOptions.location };
      const parts: Buffer[] = [];
      // Parts of one paragraph go one after the other: the caller already runs paragraphs in parallel
      // up to its concurrency limit, and parts in parallel would exceed it.
      for (const input of prepared.inputs) {
        const request = {
          input,
          voice: { languageCode: settings.languageCode, name: prepared.voice },
          audioConfig: {
            audioEncoding: settings.audioEncoding,
            sampleRateHertz: settings.sampleRateHertz,
            speakingRate: settings.speakingRate,
            pitch: settings.pitch,
            volumeGainDb: settings.volumeGainDb,
            effectsProfileId: settings.effectsProfile,
          },
        };
        try {
          const call = () => tts.synthesizeSpeech(request, createCallOptions(config));
          const [response] = await abortable(retryOnQuota(call, quotaRetry, synthesizeOptions.signal), synthesizeOptions.signal);
          if (!response.audioContent || response.audioContent.length === 0) {
            throw new EngineError('E_GOOGLE_AUDIO', 'Google Text-to-Speech returned no audio.', {
              location: synthesizeOptions.location,
              hint: 'Retry the build.',
            });
          }
          parts.push(Buffer.from(response.audioContent as Uint8Array | string));
        } catch (error) {
          if (synthesizeOptions.signal?.aborted) throw error;
          throw toEngineError(error, failure);
        }
      }
      return { wav: joinWavParts(parts) };
    },

    async close() {
      const open = client;
      client = undefined;
      voiceList = undefined;
      if (open) await open.then((tts) => tts.close()).catch(() => undefined);
    },
  };
}

/**
 * Creates and initializes the client. Initializing here (not lazily inside the first call)
 * is what lets a credential problem surface as one error: the client's own lazy path rethrows
 * it from a detached promise, which Node reports as an unhandled rejection.
 */
async function openClient(context: EngineContext): Promise<TextToSpeechClient> {
  const config = readGoogleConfig(context.config);
  if (!config.insecure) await refuseBrokenKeyFile(context);
  const tts = createTextToSpeechClient(config, context.configDir);
  try {
    await tts.initialize();
  } catch (error) {
    await tts.close().catch(() => undefined);
    throw error;
  }
  return tts;
}

/**
 * A configured key file that is missing or malformed is reported before the client reads it:
 * the library's parse errors quote the file, and the file holds a private key.
 */
async function refuseBrokenKeyFile(context: EngineContext): Promise<void> {
  const report = await checkGoogleCredentials(context);
  if (!report.ok && report.source !== 'none') {
    throw new EngineError('E_GOOGLE_CREDENTIALS', report.message, { exitCode: 2 });
  }
}

/** Computes exactly what will be sent, without I/O: the clip cache key is made from it. */
export function prepareGoogleRequest(request: SpeechRequest, config: GoogleConfig): PreparedRequest {
  checkVoiceSettings(request.voice, config);
  const ssml = acceptsSsml(request.voice);
  const render = ssml ? (piece: string) => renderSsml(piece, request.lexicon) : (piece: string) => renderPlainText(piece, request.lexicon);
  const languageCode = findVoiceLanguage(request.voice) ?? config.languageCode;
  const pieces = splitText(request.text, {
    maxBytes: MAX_INPUT_BYTES,
    measure: (piece) => Buffer.byteLength(render(piece), 'utf8'),
    locale: languageCode,
  });
  const inputs: PreparedRequest['inputs'] = pieces.map((piece) => (ssml ? { ssml: render(piece) } : { text: render(piece) }));
  const settings: GoogleSettings = {
    languageCode,
    audioEncoding: 'LINEAR16',
    sampleRateHertz: config.sampleRateHertz,
    speakingRate: config.speakingRate,
    pitch: config.pitch,
    volumeGainDb: config.volumeGainDb,
    effectsProfile: [...config.effectsProfile],
  };
  return {
    engine: 'google',
    engineVersion: `texttospeech-v1+${PREPARE_VERSION}`,
    voice: request.voice,
    settings: { ...settings },
    inputs,
    billedCharacters: inputs.reduce(
      (sum, input) => sum + countBilledCharacters('ssml' in input ? input.ssml : input.text, request.voice),
      0,
    ),
  };
}

/** Settings the schema cannot judge alone because they depend on the voice. */
function checkVoiceSettings(voice: string, config: GoogleConfig): void {
  const family = findVoiceFamily(voice);
  if (family && NO_PITCH_FAMILIES.has(family) && config.pitch !== 0) {
    throw new EngineError('E_GOOGLE_SETTINGS', `${family} voices such as "${voice}" take no pitch adjustment.`, {
      exitCode: 2,
      hint: 'Set engines.google.pitch to 0, or pick a Neural2, WaveNet or Standard voice.',
    });
  }
}

function toVoice(voice: {
  name?: string | null;
  languageCodes?: string[] | null;
  ssmlGender?: unknown;
  naturalSampleRateHertz?: number | null;
}): Voice {
  const name = voice.name ?? '';
  const gender =
    typeof voice.ssmlGender === 'string' && voice.ssmlGender !== 'SSML_VOICE_GENDER_UNSPECIFIED'
      ? voice.ssmlGender.toLowerCase()
      : undefined;
  const family = findVoiceFamily(name);
  return {
    name,
    languages: voice.languageCodes ?? [],
    ...(gender ? { gender } : {}),
    ...(voice.naturalSampleRateHertz ? { sampleRate: voice.naturalSampleRateHertz } : {}),
    ...(family ? { family } : {}),
  };
}

/** Rejects as soon as the signal aborts; the request itself finishes in the background and is dropped. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
