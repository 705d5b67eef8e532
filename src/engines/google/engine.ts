import { EngineError, type ErrorLocation } from '../../errors.js';
import { splitText, utf8Bytes } from '../../text/split.js';
import { findWordStarts } from '../../text/words.js';
import { joinWavParts } from './audio.js';
import { createCallOptions, createTextToSpeechClient, describeEndpoint, type TextToSpeechApi, type TextToSpeechClients } from './client.js';
import { readGoogleConfig, type GoogleConfig } from './config.js';
import { checkGoogleCredentials } from './credentials.js';
import { DEFAULT_QUOTA_RETRY, retryOnQuota, toEngineError, type QuotaRetrySettings } from './faults.js';
import { countBilledCharacters, findVoiceFamily } from './pricing.js';
import { acceptsSsml, markWords, renderPlainText, renderSsml, wordMarkName } from './ssml.js';
import { timeMarkedWords, type TimedPart, type Timepoint } from './timepoints.js';
import { findVoiceLanguage } from './voice-name.js';
import type { EngineContext, PreparedRequest, SpeechEngine, SpeechRequest, SynthesizeOptions, Voice } from '../types.js';

/** The service refuses inputs over 5,000 bytes, SSML markup included. */
export const MAX_INPUT_BYTES = 5000;

/**
 * Bump when what `prepare` sends changes, so clips made the old way are not reused. The API
 * version is part of the engine version too: SSML went from v1 to v1beta1 with a mark per word.
 */
const PREPARE_VERSION = 1;

/** `SynthesizeSpeechRequest.TimepointType.SSML_MARK`: return when each `<mark>` is reached. */
const SSML_MARK = 1;

/** Families whose voices take no pitch adjustment; the service rejects a non-zero pitch for them. */
const NO_PITCH_FAMILIES = new Set(['Chirp 3 HD', 'Chirp HD', 'Journey']);

/** What either API version answers a SynthesizeSpeech call with (v1 has no timepoints). */
interface SpokenPart {
  audioContent?: Uint8Array | string | null;
  timepoints?: Timepoint[] | null;
}

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
  const clients: { [A in TextToSpeechApi]?: Promise<TextToSpeechClients[A]> } = {};
  let voiceList: Promise<Voice[]> | undefined;

  /**
   * One client per API version for all calls (each multiplexes one channel); created on first use
   * so dry runs need no credentials, and the v1beta1 one only when an SSML voice speaks.
   */
  function connect<A extends TextToSpeechApi>(api: A): Promise<TextToSpeechClients[A]> {
    let open = clients[api] as Promise<TextToSpeechClients[A]> | undefined;
    if (!open) {
      open = openClient(context, api).catch((error: unknown) => {
        delete clients[api];
        throw toEngineError(error, { endpoint, timeoutSeconds: config.timeoutSeconds });
      });
      clients[api] = open as (typeof clients)[A];
    }
    return open;
  }

  async function listVoices(languageCode?: string): Promise<Voice[]> {
    const tts = await connect('v1');
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
      const settings = prepared.settings as unknown as GoogleSettings;
      const failure = { voice: prepared.voice, endpoint, timeoutSeconds: config.timeoutSeconds, location: synthesizeOptions.location };
      const parts: Array<{ audio: Buffer; timepoints: Timepoint[] }> = [];
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
        // SSML with a mark before each word (prepared.text says so) goes to v1beta1, the API that says when each mark is reached.
        let call: () => Promise<SpokenPart>;
        if ('ssml' in input && prepared.text !== undefined) {
          const tts = await connect('v1beta1');
          const timed = { ...request, enableTimePointing: [SSML_MARK] };
          call = async () => (await tts.synthesizeSpeech(timed, createCallOptions(config)))[0];
        } else {
          const tts = await connect('v1');
          call = async () => (await tts.synthesizeSpeech(request, createCallOptions(config)))[0];
        }
        try {
          const response = await abortable(retryOnQuota(call, quotaRetry, synthesizeOptions.signal), synthesizeOptions.signal);
          if (!response.audioContent || response.audioContent.length === 0) {
            throw new EngineError('E_GOOGLE_AUDIO', 'Google Text-to-Speech returned no audio.', {
              location: synthesizeOptions.location,
              hint: 'Retry the build.',
            });
          }
          parts.push({ audio: Buffer.from(response.audioContent as Uint8Array | string), timepoints: response.timepoints ?? [] });
        } catch (error) {
          if (synthesizeOptions.signal?.aborted) throw error;
          throw toEngineError(error, failure);
        }
      }
      const joined = joinWavParts(parts.map((part) => part.audio));
      if (prepared.text === undefined) return { wav: joined.wav };
      const timed = parts.map((part, i): TimedPart => {
        const start = joined.starts[i]!;
        return { timepoints: part.timepoints, start, duration: (joined.starts[i + 1] ?? joined.seconds) - start };
      });
      const words = timeMarkedWords(prepared.text, timed, joined.seconds);
      return words ? { wav: joined.wav, words, wordTiming: 'engine' } : { wav: joined.wav };
    },

    async close() {
      const open = Object.values(clients);
      for (const api of Object.keys(clients) as TextToSpeechApi[]) delete clients[api];
      voiceList = undefined;
      await Promise.all(open.map((client) => client.then((tts) => tts.close()).catch(() => undefined)));
    },
  };
}

/**
 * Creates and initializes the client. Initializing here (not lazily inside the first call)
 * is what lets a credential problem surface as one error: the client's own lazy path rethrows
 * it from a detached promise, which Node reports as an unhandled rejection.
 */
async function openClient<A extends TextToSpeechApi>(context: EngineContext, api: A): Promise<TextToSpeechClients[A]> {
  const config = readGoogleConfig(context.config);
  if (!config.insecure) await refuseBrokenKeyFile(context);
  const tts = createTextToSpeechClient(config, context.configDir, api);
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
  const marked = ssml && config.wordMarks;
  const languageCode = findVoiceLanguage(request.voice) ?? config.languageCode;
  // Pieces are measured as sent, marks included; while splitting, every mark gets the longest
  // name any word of the text can have, so a piece never grows past the limit once named.
  const widest = wordMarkName(findWordStarts(request.text).length);
  const widestMarks = (piece: string) => findWordStarts(piece).map((at) => ({ at, name: widest }));
  const measure = ssml
    ? (piece: string) => utf8Bytes(renderSsml(piece, request.lexicon, marked ? widestMarks(piece) : []))
    : (piece: string) => utf8Bytes(renderPlainText(piece, request.lexicon));
  const pieces = splitText(request.text, { maxBytes: MAX_INPUT_BYTES, measure, locale: languageCode });
  const marks = marked ? markWords(request.text, pieces) : [];
  const inputs: PreparedRequest['inputs'] = pieces.map((piece, i) =>
    ssml ? { ssml: renderSsml(piece, request.lexicon, marks[i] ?? []) } : { text: renderPlainText(piece, request.lexicon) },
  );
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
    engineVersion: `texttospeech-${marked ? 'v1beta1' : 'v1'}+${PREPARE_VERSION}`,
    voice: request.voice,
    settings: { ...settings },
    inputs,
    // The marks time the words of the text as written: the clip's word timings are of these words.
    ...(marked ? { text: request.text } : {}),
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
