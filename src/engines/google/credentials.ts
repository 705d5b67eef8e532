import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EngineContext } from '../types.js';
import { resolveKeyFilename } from './client.js';
import { readGoogleConfig } from './config.js';

/**
 * Where the Google engine would get credentials from, found the way google-auth-library looks
 * (config key file, then GOOGLE_APPLICATION_CREDENTIALS, then gcloud's ADC file), without
 * calling Google. Never carries the credentials themselves.
 */
export interface GoogleCredentialsReport {
  ok: boolean;
  source: 'insecure' | 'keyFilename' | 'GOOGLE_APPLICATION_CREDENTIALS' | 'gcloud' | 'none';
  /** The file the credentials are in, when they are in one. */
  file?: string;
  /** The credential type the file declares (`service_account`, `authorized_user`, ...). */
  type?: string;
  /** The service account, when it is one: safe to show, it is not a secret. */
  account?: string;
  /** One line: what is wrong and what to do, when `ok` is false or the answer is uncertain. */
  message: string;
}

const LOGIN_HINT =
  'Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS or engines.google.keyFilename to a service account key file.';

export async function checkGoogleCredentials(
  context: EngineContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GoogleCredentialsReport> {
  const config = readGoogleConfig(context.config);
  if (config.insecure) {
    return { ok: true, source: 'insecure', message: `plaintext to ${config.apiEndpoint}:${config.port}; no credentials are used.` };
  }
  const keyFilename = resolveKeyFilename(config, context.configDir);
  if (keyFilename) return inspectFile(keyFilename, 'keyFilename', 'engines.google.keyFilename');
  const fromEnv = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (fromEnv) return inspectFile(path.resolve(fromEnv), 'GOOGLE_APPLICATION_CREDENTIALS', 'GOOGLE_APPLICATION_CREDENTIALS');
  const gcloudFile = findGcloudAdcFile(env);
  const gcloud = await inspectFile(gcloudFile, 'gcloud', 'gcloud application-default credentials');
  if (gcloud.ok || !gcloud.message.includes('does not exist')) return gcloud;
  return {
    ok: false,
    source: 'none',
    message: `no Google credentials found (on Google Cloud the metadata server may still provide them). ${LOGIN_HINT}`,
  };
}

/** gcloud's well-known ADC file, as google-auth-library finds it. */
function findGcloudAdcFile(env: NodeJS.ProcessEnv): string {
  if (env.CLOUDSDK_CONFIG) return path.join(env.CLOUDSDK_CONFIG, 'application_default_credentials.json');
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'))
      : path.join(env.HOME ?? os.homedir(), '.config');
  return path.join(base, 'gcloud', 'application_default_credentials.json');
}

/** Fields each credential type needs before google-auth-library can use it. */
const REQUIRED_FIELDS: Record<string, string[]> = {
  service_account: ['client_email', 'private_key'],
  authorized_user: ['client_id', 'client_secret', 'refresh_token'],
  external_account: ['audience', 'subject_token_type', 'token_url', 'credential_source'],
  external_account_authorized_user: ['audience', 'client_id', 'client_secret', 'refresh_token', 'token_url'],
  impersonated_service_account: ['service_account_impersonation_url', 'source_credentials'],
};

async function inspectFile(file: string, source: GoogleCredentialsReport['source'], label: string): Promise<GoogleCredentialsReport> {
  const fail = (problem: string): GoogleCredentialsReport => ({ ok: false, source, file, message: `${label} (${file}) ${problem}` });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      code === 'ENOENT'
        ? `does not exist. ${LOGIN_HINT}`
        : code === 'EISDIR'
          ? 'is a folder, not a key file.'
          : `cannot be read (${code ?? 'error'}).`,
    );
  }
  let json: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    json = parsed as Record<string, unknown>;
  } catch {
    // The parser's own message quotes the file, which may hold a private key: say only what is wrong.
    return fail('is not a JSON key file. Download a JSON key (not .p12/.pem) or run `gcloud auth application-default login`.');
  }
  const type = typeof json.type === 'string' ? json.type : undefined;
  if (!type) return fail('has no "type" field; it is not a Google credentials file.');
  const required = REQUIRED_FIELDS[type];
  if (!required) return { ...fail(`has credential type "${type}", which this check does not know.`), ok: true, type };
  const missing = required.filter((field) => json[field] === undefined || json[field] === '');
  if (missing.length > 0) return { ...fail(`is a ${type} file missing ${missing.join(', ')}. Download a fresh key.`), type };
  if (type === 'service_account' && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(String(json.private_key))) {
    return { ...fail('has a private_key that is not a PEM key. Download a fresh key.'), type };
  }
  const account = type === 'service_account' ? String(json.client_email) : undefined;
  return {
    ok: true,
    source,
    file,
    type,
    ...(account ? { account } : {}),
    message: `${label}: ${type}${account ? ` ${account}` : ''} (${file}).`,
  };
}
