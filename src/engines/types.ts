import type { Config } from '../config/schema.js';

/** One pronunciation: `word` is matched whole-word; `say` works on every engine; `ipa` where phonemes are taken. */
export interface LexiconEntry {
  word: string;
  say: string;
  ipa?: string;
  /** Match case exactly (default: only when the entry is written with capitals). */
  caseSensitive?: boolean;
}

/** What the pipeline asks an engine for: one piece of text in one voice. */
export interface SpeechRequest {
  /** The text as written in the edition (titles, paragraphs, intro/outro). */
  text: string;
  voice: string;
  /** BCP 47, e.g. `en-US`. */
  language: string;
  lexicon: readonly LexiconEntry[];
}

/**
 * Exactly what will be sent to the engine, computed without I/O. Its canonical JSON is the
 * clip cache key, so anything that shapes the audio must be in here.
 */
export interface PreparedRequest {
  engine: string;
  engineVersion: string;
  voice: string;
  settings: Record<string, unknown>;
  /** One or more inputs, synthesized in order and joined (long paragraphs are split). */
  inputs: Array<{ text: string } | { ssml: string }>;
  /** Characters the provider bills for this request. */
  billedCharacters: number;
  /**
   * The text as written, when the engine times its words: the clip's word timings are of
   * these words, so it is part of the cache key like everything else here.
   */
  text?: string;
}

/** When one word of a clip is spoken, in seconds from the start of the clip's audio. */
export interface WordTiming {
  /** The word as written in the text the request was prepared from. */
  word: string;
  start: number;
  end: number;
}

/** Audio an engine produced: a WAV file (PCM 16-bit, mono). */
export interface Clip {
  wav: Buffer;
  /** Word timings, where the engine reports them (or estimates them, see `wordTiming`). */
  words?: WordTiming[];
  /** `engine`: the engine said when each word is spoken; `estimate`: spread evenly over the speech. */
  wordTiming?: 'engine' | 'estimate';
}

export interface Voice {
  name: string;
  languages: string[];
  gender?: string;
  /** Hz; engines that can render at any rate report their default. */
  sampleRate?: number;
  family?: string;
}

export interface SynthesizeOptions {
  signal?: AbortSignal;
}

export interface SpeechEngine {
  readonly id: string;
  /** No account, no network. */
  readonly offline: boolean;
  readonly defaultVoice: string;
  /** Lists the engine's voices, optionally only those for a language (`en`, `en-US`). */
  voices(filter?: { language?: string }): Promise<Voice[]>;
  /** Throws an EngineError (exit 2) for a voice the engine does not have. */
  checkVoice(voice: string): Promise<void>;
  prepare(request: SpeechRequest): PreparedRequest;
  synthesize(request: PreparedRequest, options?: SynthesizeOptions): Promise<Clip>;
  /** USD for synthesizing these requests. */
  estimateCostUsd(billedCharacters: number, voice: string): number;
  /** Concurrency the engine runs best at when the config does not say. */
  readonly defaultConcurrency: number;
  close(): Promise<void>;
}

export interface EngineContext {
  config: Config;
  /** Folder that relative paths in the config resolve against. */
  configDir: string;
  /** Upper bound on parallel synthesis requests. */
  concurrency?: number;
}
