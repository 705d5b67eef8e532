/**
 * A local stand-in for Google Cloud Text-to-Speech: a real gRPC server built from the protos the
 * client package ships, so the engine is exercised through the real client, channel and retries.
 * It validates what the service validates, returns real LINEAR16 WAVs (a tone as long as the
 * text would take to read), injects faults on demand, and records every call. It serves both API
 * versions the client has: v1, and v1beta1, which also returns a timepoint for each SSML `<mark>`
 * (at the time its character position would be read, plus a little jitter per mark).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as GrpcJs from '@grpc/grpc-js';
import type * as ProtoLoader from '@grpc/proto-loader';
import { XMLValidator } from 'fast-xml-parser';

// The same copies of grpc-js and proto-loader that google-gax uses.
const fromHere = createRequire(import.meta.url);
const clientEntry = fromHere.resolve('@google-cloud/text-to-speech');
const fromGax = createRequire(createRequire(clientEntry).resolve('google-gax'));
const grpc = fromGax('@grpc/grpc-js') as typeof GrpcJs;
const protoLoader = fromGax('@grpc/proto-loader') as typeof ProtoLoader;
const PROTOS_JSON = path.join(
  clientEntry.slice(0, clientEntry.lastIndexOf(`${path.sep}build${path.sep}`)),
  'build',
  'protos',
  'protos.json',
);

export interface FakeVoice {
  name: string;
  languageCodes: string[];
  ssmlGender: 'MALE' | 'FEMALE' | 'NEUTRAL';
  naturalSampleRateHertz: number;
}

export const FAKE_VOICES: FakeVoice[] = [
  { name: 'en-US-Neural2-D', languageCodes: ['en-US'], ssmlGender: 'MALE', naturalSampleRateHertz: 24000 },
  { name: 'en-US-Neural2-F', languageCodes: ['en-US'], ssmlGender: 'FEMALE', naturalSampleRateHertz: 24000 },
  { name: 'en-US-Chirp3-HD-Charon', languageCodes: ['en-US'], ssmlGender: 'MALE', naturalSampleRateHertz: 24000 },
  { name: 'en-US-Chirp3-HD-Kore', languageCodes: ['en-US'], ssmlGender: 'FEMALE', naturalSampleRateHertz: 24000 },
  { name: 'en-US-Chirp-HD-F', languageCodes: ['en-US'], ssmlGender: 'FEMALE', naturalSampleRateHertz: 24000 },
  { name: 'en-US-Journey-D', languageCodes: ['en-US'], ssmlGender: 'MALE', naturalSampleRateHertz: 24000 },
  { name: 'en-US-Standard-C', languageCodes: ['en-US'], ssmlGender: 'FEMALE', naturalSampleRateHertz: 24000 },
  { name: 'en-US-Wavenet-D', languageCodes: ['en-US'], ssmlGender: 'MALE', naturalSampleRateHertz: 24000 },
  { name: 'en-US-Studio-O', languageCodes: ['en-US'], ssmlGender: 'FEMALE', naturalSampleRateHertz: 24000 },
  { name: 'en-GB-Neural2-B', languageCodes: ['en-GB'], ssmlGender: 'MALE', naturalSampleRateHertz: 24000 },
  { name: 'de-DE-Neural2-B', languageCodes: ['de-DE'], ssmlGender: 'MALE', naturalSampleRateHertz: 24000 },
];

/** A fault for one SynthesizeSpeech call; `ok` answers normally. */
export type Fault = 'ok' | keyof typeof FAULT_MESSAGES | { delayMs: number };

/** What the service says with each injected status. */
const FAULT_MESSAGES = {
  UNAVAILABLE: 'The service is currently unavailable.',
  RESOURCE_EXHAUSTED: "Quota exceeded for quota metric 'Requests' of service 'texttospeech.googleapis.com'.",
  INVALID_ARGUMENT: 'Request contains an invalid argument.',
  PERMISSION_DENIED: 'Cloud Text-to-Speech API has not been used in project 123 before or it is disabled.',
  UNAUTHENTICATED: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
  DEADLINE_EXCEEDED: 'Deadline exceeded.',
  INTERNAL: 'Internal error encountered.',
} as const;

/** Change at any time: the server reads it on every call. */
export interface FaultControl {
  /** Probabilities per SynthesizeSpeech call, drawn from a seeded generator. */
  unavailable: number;
  resourceExhausted: number;
  invalidArgument: number;
  /** Probability of answering `delayMs` late (on top of `latencyMs`). */
  delay: number;
  delayMs: number;
  /** RetryInfo.retry_delay sent with RESOURCE_EXHAUSTED; null sends none. */
  retryDelayMs: number | null;
  /** Consumed first, one entry per SynthesizeSpeech call, before any probability applies. */
  schedule: Fault[];
  /** Faults for ListVoices calls, one per call. */
  listVoicesSchedule: Fault[];
  /** Every SynthesizeSpeech call whose text (or SSML) includes this string fails with INVALID_ARGUMENT. */
  failWhenTextIncludes: string | null;
  /** Marks answered without a timepoint, by name, as the service may leave some out. */
  omitTimepoints: string[];
}

export interface RecordedCall {
  method: 'SynthesizeSpeech' | 'ListVoices';
  /** Which version of the service was called. */
  api: 'v1' | 'v1beta1';
  // Decoded with proto-loader: camelCase fields, enums as strings, unset fields absent.
  request: Record<string, any>;
  /** Request metadata (headers), to check for credentials. */
  metadata: Record<string, string>;
  /** `OK` or the status name the call ended with. */
  status: string;
  /** Seconds of audio returned. */
  seconds?: number;
  /** The WAV returned. */
  audio?: Buffer;
  /** The timepoints returned (v1beta1 with `enableTimePointing`). */
  timepoints?: Timepoint[];
}

export interface Timepoint {
  markName: string;
  timeSeconds: number;
}

export interface FakeGoogleServer {
  port: number;
  address: string;
  control: FaultControl;
  calls: RecordedCall[];
  /** Successful SynthesizeSpeech requests, in the order they were answered. */
  synthesized(): Array<Record<string, any>>;
  /** Most SynthesizeSpeech calls in progress at once. */
  maxInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeGoogleServerOptions {
  /** Added to every answer, like the real service's synthesis time. */
  latencyMs?: number;
  /** Audio length per character of text read. */
  msPerCharacter?: number;
  /** Silence before the speech in every answer, as the service's audio has. */
  leadingSilenceMs?: number;
  voices?: FakeVoice[];
  faults?: Partial<FaultControl>;
  seed?: number;
}

export const MAX_INPUT_BYTES = 5000;
const EFFECTS_PROFILES = new Set([
  'wearable-class-device',
  'handset-class-device',
  'headphone-class-device',
  'small-bluetooth-speaker-class-device',
  'medium-bluetooth-speaker-class-device',
  'large-home-entertainment-class-device',
  'large-automotive-class-device',
  'telephony-class-application',
]);
const LINEAR16_RATES = new Set([8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000]);
const NO_SSML = /-(?:Chirp3-HD|Chirp-HD|Journey)-/;

class RpcFault extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly retryDelayMs: number | null = null,
  ) {
    super(message);
  }
}

export async function startFakeGoogleServer(options: FakeGoogleServerOptions = {}): Promise<FakeGoogleServer> {
  const voices = options.voices ?? FAKE_VOICES;
  const latencyMs = options.latencyMs ?? 0;
  const speech = { msPerCharacter: options.msPerCharacter ?? 10, leadingSilenceMs: options.leadingSilenceMs ?? 0 };
  const random = seededRandom(options.seed ?? 1);
  const control: FaultControl = {
    unavailable: 0,
    resourceExhausted: 0,
    invalidArgument: 0,
    delay: 0,
    delayMs: 0,
    retryDelayMs: 20,
    schedule: [],
    listVoicesSchedule: [],
    failWhenTextIncludes: null,
    omitTimepoints: [],
    ...options.faults,
  };
  const calls: RecordedCall[] = [];
  let inFlight = 0;

  const definition = protoLoader.fromJSON(JSON.parse(readFileSync(PROTOS_JSON, 'utf8')), {
    keepCase: false,
    longs: String,
    enums: String,
    defaults: false,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as any;
  const services = {
    v1: loaded.google.cloud.texttospeech.v1.TextToSpeech.service as GrpcJs.ServiceDefinition,
    v1beta1: loaded.google.cloud.texttospeech.v1beta1.TextToSpeech.service as GrpcJs.ServiceDefinition,
  };

  const server = new grpc.Server();
  const state: FakeGoogleServer = {
    port: 0,
    address: '',
    control,
    calls,
    maxInFlight: 0,
    synthesized: () => calls.filter((c) => c.method === 'SynthesizeSpeech' && c.status === 'OK').map((c) => c.request),
    reset() {
      calls.length = 0;
      state.maxInFlight = 0;
      Object.assign(control, {
        unavailable: 0,
        resourceExhausted: 0,
        invalidArgument: 0,
        delay: 0,
        delayMs: 0,
        retryDelayMs: 20,
        schedule: [],
        listVoicesSchedule: [],
        failWhenTextIncludes: null,
        omitTimepoints: [],
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500).unref();
      }),
  };

  /** Picks this call's fault: the schedule first, then the probabilities. */
  function drawFault(schedule: Fault[], probabilistic: boolean): Fault {
    const scheduled = schedule.shift();
    if (scheduled) return scheduled;
    if (!probabilistic) return 'ok';
    const roll = random();
    let edge = control.unavailable;
    if (roll < edge) return 'UNAVAILABLE';
    if (roll < (edge += control.resourceExhausted)) return 'RESOURCE_EXHAUSTED';
    if (roll < (edge += control.invalidArgument)) return 'INVALID_ARGUMENT';
    if (roll < (edge += control.delay)) return { delayMs: control.delayMs };
    return 'ok';
  }

  function handle<T>(
    api: RecordedCall['api'],
    method: RecordedCall['method'],
    answer: (request: any) => { response: T; seconds?: number; audio?: Buffer; timepoints?: Timepoint[] },
  ): GrpcJs.handleUnaryCall<any, T> {
    return (call, callback) => {
      const record: RecordedCall = { method, api, request: call.request, metadata: flattenMetadata(call.metadata), status: 'PENDING' };
      calls.push(record);
      // A client deadline or cancellation ends the call before the server answers.
      call.on('cancelled', () => {
        if (record.status === 'PENDING') record.status = 'CANCELLED';
      });
      const isSynth = method === 'SynthesizeSpeech';
      if (isSynth) state.maxInFlight = Math.max(state.maxInFlight, ++inFlight);
      const targeted =
        isSynth && control.failWhenTextIncludes !== null && JSON.stringify(call.request.input ?? {}).includes(control.failWhenTextIncludes);
      const fault = targeted ? 'INVALID_ARGUMENT' : drawFault(isSynth ? control.schedule : control.listVoicesSchedule, isSynth);
      const wait = latencyMs + (typeof fault === 'object' ? fault.delayMs : 0);
      const finish = () => {
        if (isSynth) inFlight--;
        if (call.cancelled || record.status === 'CANCELLED') {
          record.status = 'CANCELLED';
          return;
        }
        try {
          if (typeof fault === 'string' && fault !== 'ok') {
            throw new RpcFault(grpc.status[fault], FAULT_MESSAGES[fault], fault === 'RESOURCE_EXHAUSTED' ? control.retryDelayMs : null);
          }
          const { response, seconds, audio, timepoints } = answer(call.request);
          record.status = 'OK';
          if (seconds !== undefined) record.seconds = seconds;
          if (audio !== undefined) record.audio = audio;
          if (timepoints !== undefined) record.timepoints = timepoints;
          callback(null, response);
        } catch (error) {
          if (!(error instanceof RpcFault)) throw error;
          record.status = grpc.status[error.code]!;
          const metadata = new grpc.Metadata();
          if (error.retryDelayMs !== null)
            metadata.set('grpc-status-details-bin', encodeStatusWithRetryInfo(error.code, error.message, error.retryDelayMs));
          callback({ code: error.code, details: error.message, metadata });
        }
      };
      if (wait > 0) setTimeout(finish, wait);
      else setImmediate(finish);
    };
  }

  for (const api of ['v1', 'v1beta1'] as const) {
    server.addService(services[api], {
      ListVoices: handle(api, 'ListVoices', (request: { languageCode?: string }) => {
        const language = request.languageCode?.toLowerCase();
        const matching = voices.filter(
          (v) =>
            !language || v.languageCodes.some((code) => code.toLowerCase() === language || code.toLowerCase().startsWith(`${language}-`)),
        );
        return { response: { voices: matching } };
      }),
      SynthesizeSpeech: handle(api, 'SynthesizeSpeech', (request) => synthesize(api, request, voices, speech, control.omitTimepoints)),
      StreamingSynthesize: (call: GrpcJs.ServerDuplexStream<unknown, unknown>) => call.emit('error', { code: grpc.status.UNIMPLEMENTED }),
    });
  }
  state.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port))),
  );
  state.address = `127.0.0.1:${state.port}`;
  return state;
}

/** Validates a SynthesizeSpeech request the way the service does, then renders its audio. */
function synthesize(
  api: RecordedCall['api'],
  request: Record<string, any>,
  voices: FakeVoice[],
  speech: { msPerCharacter: number; leadingSilenceMs: number },
  omitTimepoints: readonly string[],
): { response: { audioContent: Buffer; timepoints?: Timepoint[] }; seconds: number; audio: Buffer; timepoints?: Timepoint[] } {
  const invalid = (message: string) => new RpcFault(grpc.status.INVALID_ARGUMENT, message);
  const input = request.input ?? {};
  const source = input.inputSource as string | undefined;
  if (source !== 'text' && source !== 'ssml') throw invalid('Either `input.text` or `input.ssml` must be set.');
  const content = String(input[source] ?? '');
  if (Buffer.byteLength(content, 'utf8') > MAX_INPUT_BYTES) {
    throw invalid(
      `Either \`input.text\` or \`input.ssml\` is longer than the limit of ${MAX_INPUT_BYTES} bytes. This limit is different from quotas.`,
    );
  }
  if (content.trim() === '') throw invalid('Input text is empty.');
  const audio = request.audioConfig ?? {};
  if (!audio.audioEncoding || audio.audioEncoding === 'AUDIO_ENCODING_UNSPECIFIED')
    throw invalid('AudioConfig.audio_encoding must be set.');
  if (audio.audioEncoding !== 'LINEAR16') throw invalid(`This fake renders LINEAR16 only, not ${audio.audioEncoding}.`);
  const voiceName = request.voice?.name as string | undefined;
  if (!request.voice?.languageCode) throw invalid('VoiceSelectionParams.language_code is required.');
  const voice = voices.find((v) => v.name === voiceName);
  if (!voice) throw invalid(`Voice '${voiceName ?? ''}' does not exist. Is it misspelled?`);
  if (!voice.languageCodes.includes(request.voice.languageCode))
    throw invalid(`Voice '${voice.name}' does not speak ${request.voice.languageCode}.`);
  if (source === 'ssml') {
    if (NO_SSML.test(voice.name))
      throw invalid(`This voice (${voice.name}) does not support SSML input. Please try again with text only input.`);
    if (XMLValidator.validate(content) !== true || !/^\s*<speak>[\s\S]*<\/speak>\s*$/.test(content))
      throw invalid('Invalid SSML: the document is not well-formed.');
    for (const tag of content.match(/<mark\b[^>]*>/g) ?? []) {
      if (!/^<mark name="[^"]+"\s*\/>$/.test(tag)) throw invalid(`Invalid SSML: ${tag} needs a non-empty name and no content.`);
    }
    const nested = /<(sub|phoneme)\b[^>]*>[^<]*<(?!\/\1>)/.exec(content);
    if (nested) throw invalid(`Invalid SSML: <${nested[1]}> may contain text only.`);
  }
  const timePointing: string[] = request.enableTimePointing ?? [];
  if (timePointing.length > 0) {
    if (api !== 'v1beta1') throw invalid('enable_time_pointing is not a field of this API version.');
    if (timePointing.some((type) => type !== 'SSML_MARK')) throw invalid(`Unsupported timepoint type in ${timePointing.join(', ')}.`);
    if (source !== 'ssml') throw invalid('Timepointing is supported for SSML input only.');
  }
  const rate = audio.speakingRate ?? 0;
  if (rate !== 0 && (rate < 0.25 || rate > 2)) throw invalid(`speaking_rate ${rate} is outside [0.25, 2.0].`);
  const pitch = audio.pitch ?? 0;
  if (pitch < -20 || pitch > 20) throw invalid(`pitch ${pitch} is outside [-20.0, 20.0].`);
  if (pitch !== 0 && NO_SSML.test(voice.name)) throw invalid(`Voice '${voice.name}' does not support pitch adjustment.`);
  const gain = audio.volumeGainDb ?? 0;
  if (gain < -96 || gain > 16) throw invalid(`volume_gain_db ${gain} is outside [-96.0, 16.0].`);
  const sampleRate = audio.sampleRateHertz || voice.naturalSampleRateHertz;
  if (!LINEAR16_RATES.has(sampleRate)) throw invalid(`sample_rate_hertz ${sampleRate} is not supported for LINEAR16.`);
  for (const profile of audio.effectsProfileId ?? []) {
    if (!EFFECTS_PROFILES.has(profile)) throw invalid(`Unknown effects profile '${profile}'.`);
  }
  const read = source === 'ssml' ? readSsml(content) : { spoken: content, marks: [] };
  const perCharacter = speech.msPerCharacter / 1000 / (rate || 1);
  const lead = speech.leadingSilenceMs / 1000;
  const speaking = Math.max(0.2, read.spoken.length * perCharacter);
  const wav = renderToneWav(speaking, sampleRate, lead);
  const seconds = lead + speaking;
  if (!timePointing.includes('SSML_MARK')) return { response: { audioContent: wav }, seconds, audio: wav };
  // A mark is reached when the character after it would be read, give or take a few milliseconds.
  const timepoints = read.marks
    .filter((mark) => !omitTimepoints.includes(mark.name))
    .map((mark) => ({
      markName: mark.name,
      timeSeconds: Math.min(seconds, lead + mark.position * perCharacter + markJitter(mark.name, mark.position)),
    }));
  return { response: { audioContent: wav, timepoints }, seconds, audio: wav, timepoints };
}

/** Up to 12 ms, the same for the same mark at the same place: times the engine must carry, not recompute. */
function markJitter(name: string, position: number): number {
  let hash = 2166136261;
  for (const char of `${name}@${position}`) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return (hash % 12_000) / 1_000_000;
}

/** What an SSML document reads aloud: the text of its elements, `<sub>` read as its alias. */
export function spokenText(ssml: string): string {
  return readSsml(ssml).spoken;
}

/** The text an SSML document was made from: its text and the text inside `<sub>`, not the alias. */
export function writtenText(ssml: string): string {
  return unescapeXml(ssml.replace(/<[^>]+>/g, ''));
}

/** What an SSML document reads aloud, and where in that each `<mark>` is. */
export function readSsml(ssml: string): { spoken: string; marks: Array<{ name: string; position: number }> } {
  let spoken = '';
  const marks: Array<{ name: string; position: number }> = [];
  for (const token of ssml.match(/<sub alias="[^"]*">[^<]*<\/sub>|<[^>]+>|[^<]+/g) ?? []) {
    const sub = /^<sub alias="([^"]*)">/.exec(token);
    const mark = /^<mark name="([^"]*)"/.exec(token);
    if (sub) spoken += unescapeXml(sub[1]!);
    else if (mark) marks.push({ name: unescapeXml(mark[1]!), position: spoken.length });
    else if (!token.startsWith('<')) spoken += unescapeXml(token);
  }
  return { spoken, marks };
}

function unescapeXml(text: string): string {
  return text.replace(
    /&(lt|gt|amp|quot|apos|#39);/g,
    (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", '#39': "'" })[name]!,
  );
}

/**
 * A 220 Hz tone with 10 ms fades, after `leadSeconds` of silence, as a RIFF/WAVE LINEAR16 mono
 * file like the service returns.
 */
export function renderToneWav(seconds: number, sampleRate: number, leadSeconds = 0): Buffer {
  const lead = Math.round(leadSeconds * sampleRate);
  const tone = Math.round(seconds * sampleRate);
  const frames = lead + tone;
  const fade = Math.round(sampleRate * 0.01);
  const data = Buffer.alloc(frames * 2);
  for (let i = 0; i < tone; i++) {
    const envelope = Math.min(1, i / fade, (tone - 1 - i) / fade);
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 220 * i) / sampleRate) * 0.3 * 32767 * Math.max(0, envelope)), (lead + i) * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** google.rpc.Status{code, message, details: [Any(google.rpc.RetryInfo{retry_delay})]}, encoded by hand. */
function encodeStatusWithRetryInfo(code: number, message: string, retryDelayMs: number): Buffer {
  const seconds = Math.floor(retryDelayMs / 1000);
  const nanos = Math.round((retryDelayMs % 1000) * 1e6);
  const duration = Buffer.concat([
    seconds ? field(1, varint(seconds)) : Buffer.alloc(0),
    nanos ? field(2, varint(nanos)) : Buffer.alloc(0),
  ]);
  const retryInfo = bytesField(1, duration);
  const any = Buffer.concat([bytesField(1, Buffer.from('type.googleapis.com/google.rpc.RetryInfo')), bytesField(2, retryInfo)]);
  return Buffer.concat([field(1, varint(code)), bytesField(2, Buffer.from(message)), bytesField(3, any)]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    bytes.push(byte);
  } while (value > 0);
  return Buffer.from(bytes);
}

/** A varint field (wire type 0). */
function field(number: number, value: Buffer): Buffer {
  return Buffer.concat([varint(number * 8), value]);
}

/** A length-delimited field (wire type 2). */
function bytesField(number: number, value: Buffer): Buffer {
  return Buffer.concat([varint(number * 8 + 2), varint(value.length), value]);
}

function flattenMetadata(metadata: GrpcJs.Metadata): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata.getMap()).map(([key, value]) => [key, String(value)]));
}

/** mulberry32: the same faults in the same order on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * An HTTP server standing in for the GCE metadata server. Point GCE_METADATA_HOST at it:
 * google-auth-library then asks it instead of 169.254.169.254, and every probe is recorded.
 */
export interface MetadataTrap {
  host: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startMetadataTrap(): Promise<MetadataTrap> {
  const hits: string[] = [];
  const server: HttpServer = createServer((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    // Answer as a non-GCE host would: nothing here.
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { host: `127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The config that points the google engine at a fake server (the CLI tests write it to a file). */
export function localGoogleConfig(port: number, google: Record<string, unknown> = {}): Record<string, any> {
  return {
    speech: { engine: 'google' },
    engines: { google: { apiEndpoint: '127.0.0.1', port, insecure: true, voice: 'en-US-Neural2-D', ...google } },
  };
}
