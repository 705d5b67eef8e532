import type { z } from 'zod';
import type { Config } from '../config/schema.js';
import type { LexiconEntry } from '../text/lexicon.js';
import type { WordTiming } from '../text/words.js';

export type { WordTiming };

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
  /** Calls the request off: the engine stops what it can and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** A running engine, made by its definition's `create`. */
export interface SpeechEngine {
  readonly id: string;
  readonly defaultVoice: string;
  /** Lists the engine's voices, optionally only those for a language (`en`, `en-US`). */
  voices(filter?: { language?: string }): Promise<Voice[]>;
  /** Throws an EngineError (exit 2) for a voice the engine does not have. */
  checkVoice(voice: string): Promise<void>;
  prepare(request: SpeechRequest): PreparedRequest;
  synthesize(request: PreparedRequest, options?: SynthesizeOptions): Promise<Clip>;
  /**
   * Gets ready to synthesize in this voice (loads and compiles what it runs, starts its workers)
   * without being asked for a clip yet: the plan calls it as soon as it finds a line to
   * synthesize, so that the start-up overlaps with the rest of planning.
   */
  warmUp?(voice: string): void;
  /** Concurrency the engine runs best at when neither the flag nor the config says. */
  readonly defaultConcurrency: number;
  /**
   * Requests to hand the engine beyond its concurrency, so that each of its workers has its next
   * one waiting: for an engine that queues work for its own threads. None (the default) for a
   * service whose quota counts the requests in flight.
   */
  readonly queueAhead?: number;
  close(): Promise<void>;
}

export interface EngineContext {
  config: Config;
  /** Folder that relative paths in the config resolve against. */
  configDir: string;
  /** Upper bound on parallel synthesis requests. */
  concurrency?: number;
}

/** One line of `doctor`: whether a build could use the engine, and what to do if not. */
export interface EngineCheck {
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

/**
 * One engine, as the rest of the program sees it. Each engine folder exports one of these and
 * `engines/index.ts` lists them; the config schema, `doctor`, the CLI's `--engine` help and the
 * build only ever loop over that list. Everything here is cheap to import: `create` loads the
 * engine's heavy parts (WASM, gRPC client) when a command really uses it.
 */
export interface EngineDefinition {
  readonly id: string;
  /** A few words for `--engine` help: what it is and what it needs. */
  readonly summary: string;
  /** The `engines.<id>` config section: a zod schema that gives every key a default. */
  readonly configSchema: z.ZodType;
  create(context: EngineContext): Promise<SpeechEngine>;
  /**
   * The languages (BCP 47) a voice reads, from its name alone and without I/O, or undefined when
   * the name is not one of this engine's. Voice choice uses it to tell whose voice a name is, and
   * it says which text a voice can read.
   */
  voiceLanguages(voice: string): readonly string[] | undefined;
  /**
   * The scripts (ISO 15924: `Latn`, `Arab`, `Hani`) a voice reads, from its name alone and without
   * I/O, or undefined when the name is not one of this engine's. Letters of any other script
   * would be dropped or garbled by the voice, so the plan refuses them before anything is spent.
   */
  voiceScripts(voice: string): readonly string[] | undefined;
  /**
   * A voice of this engine for a language (BCP 47), without I/O, or undefined when it has none:
   * what an error suggests for text the chosen voice cannot read.
   */
  suggestVoice(language: string): string | undefined;
  /** USD for synthesizing this many billed characters in this voice. */
  estimateCostUsd(billedCharacters: number, voice: string, context: EngineContext): number;
  /** `doctor`'s check, without calling any paid service; `required` when the config builds with it. */
  doctor(context: EngineContext, options: { required: boolean }): Promise<EngineCheck>;
  /**
   * Whether a failure only means this machine cannot reach the engine yet (no credentials): a
   * dry run, which only plans and prices, then goes on with a warning.
   */
  isSetupError(error: unknown): boolean;
}
