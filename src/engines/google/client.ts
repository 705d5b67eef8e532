import { createRequire } from 'node:module';
import path from 'node:path';
import type { TextToSpeechClient, v1beta1 } from '@google-cloud/text-to-speech';
import type * as GrpcJs from '@grpc/grpc-js';
import type { CallOptions, ClientOptions } from 'google-gax';
import type { GoogleConfig } from './config.js';

/**
 * The official client, loaded the way it loads its own dependencies: google-gax as the
 * client package resolves it, and @grpc/grpc-js as google-gax resolves it. Channel
 * credentials from any other copy of grpc-js fail gax's `instanceof` checks at call time.
 */
export interface GoogleModules {
  TextToSpeechClient: typeof TextToSpeechClient;
  /** The v1beta1 API's client: the one that returns timepoints for SSML `<mark>`s. */
  BetaTextToSpeechClient: typeof v1beta1.TextToSpeechClient;
  grpc: typeof GrpcJs;
  PassThroughClient: new () => unknown;
  clientVersion: string;
}

let modules: GoogleModules | undefined;

export function loadGoogleModules(): GoogleModules {
  if (modules) return modules;
  const fromHere = createRequire(import.meta.url);
  const fromClient = createRequire(fromHere.resolve('@google-cloud/text-to-speech'));
  const fromGax = createRequire(fromClient.resolve('google-gax'));
  const client = fromHere('@google-cloud/text-to-speech') as {
    TextToSpeechClient: typeof TextToSpeechClient;
    v1beta1: { TextToSpeechClient: typeof v1beta1.TextToSpeechClient };
  };
  const auth = fromGax('google-auth-library') as { PassThroughClient: new () => unknown };
  modules = {
    TextToSpeechClient: client.TextToSpeechClient,
    BetaTextToSpeechClient: client.v1beta1.TextToSpeechClient,
    grpc: fromGax('@grpc/grpc-js') as typeof GrpcJs,
    PassThroughClient: auth.PassThroughClient,
    clientVersion: (fromHere('@google-cloud/text-to-speech/package.json') as { version: string }).version,
  };
  return modules;
}

/** Where requests go, for messages: `texttospeech.googleapis.com:443`. */
export function describeEndpoint(config: GoogleConfig): string {
  return `${config.apiEndpoint}:${config.port}`;
}

/** The absolute key file from `engines.google.keyFilename`, which is relative to the config's folder. */
export function resolveKeyFilename(config: GoogleConfig, configDir: string): string | undefined {
  return config.keyFilename === undefined ? undefined : path.resolve(configDir, config.keyFilename);
}

/**
 * The two versions of the API the engine speaks: v1 for plain text and voice lists, v1beta1 for
 * SSML, because only v1beta1 returns the timepoints of `<mark>`s. Same service, same settings.
 */
export interface TextToSpeechClients {
  v1: TextToSpeechClient;
  v1beta1: v1beta1.TextToSpeechClient;
}

export type TextToSpeechApi = keyof TextToSpeechClients;

export function createTextToSpeechClient<A extends TextToSpeechApi>(
  config: GoogleConfig,
  configDir: string,
  api: A,
): TextToSpeechClients[A] {
  const modules = loadGoogleModules();
  const { grpc, PassThroughClient } = modules;
  // The two classes take the same options; which one is what `api` says.
  const Client = (api === 'v1beta1' ? modules.BetaTextToSpeechClient : modules.TextToSpeechClient) as unknown as new (
    options: ClientOptions,
  ) => TextToSpeechClients[A];
  const common: ClientOptions = {
    apiEndpoint: config.apiEndpoint,
    port: config.port,
    // gRPC, never the REST fallback: the fallback neither retries nor honours timeouts.
    fallback: false,
  };
  if (config.insecure) {
    // Emulators and tests: plaintext, and no credential lookup of any kind. The fixed universe
    // domain and the pass-through auth client keep google-auth-library from asking a metadata
    // server for a universe domain or a token; `sslCreds` keeps gax from asking auth at all.
    return new Client({
      ...common,
      sslCreds: grpc.credentials.createInsecure(),
      universeDomain: 'googleapis.com',
      authClient: new PassThroughClient() as ClientOptions['authClient'],
      projectId: config.projectId ?? 'local',
    });
  }
  const keyFilename = resolveKeyFilename(config, configDir);
  return new Client({
    ...common,
    ...(keyFilename ? { keyFilename } : {}),
    ...(config.projectId ? { projectId: config.projectId } : {}),
  });
}

/**
 * Per-call options. gax retries UNAVAILABLE and DEADLINE_EXCEEDED by itself; these keep its
 * codes and backoff but bound the whole call by `timeoutSeconds` instead of gax's 300 s.
 * A fresh object per call, because gax merges per-call settings into shared ones (and
 * per-call `maxRetries` would corrupt them for every later call).
 */
export function createCallOptions(config: GoogleConfig): CallOptions {
  const { grpc } = loadGoogleModules();
  const total = Math.round(config.timeoutSeconds * 1000);
  // One hung attempt may use half the budget, so a stuck connection still leaves room to retry.
  const attempt = Math.max(1000, Math.round(total / 2));
  return {
    retry: {
      retryCodes: [grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED],
      backoffSettings: {
        initialRetryDelayMillis: 100,
        retryDelayMultiplier: 1.3,
        maxRetryDelayMillis: Math.min(10_000, total),
        initialRpcTimeoutMillis: attempt,
        rpcTimeoutMultiplier: 1,
        maxRpcTimeoutMillis: attempt,
        totalTimeoutMillis: total,
      },
    },
  };
}
