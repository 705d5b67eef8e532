import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin/audio-edition.js');
export const SAMPLE = path.join(ROOT, 'editions/2026-11-25-a-little-respite.txt');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Whether tests run as root, for whom file permissions do not apply. */
export const IS_ROOT = process.getuid?.() === 0;

/**
 * Runs the built CLI as a user would. With `unprivileged`, a root test run starts it as
 * `nobody`, so permission checks (an unreadable edition, a read-only folder) really apply;
 * everything it must read has to be readable by others.
 */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; unprivileged?: boolean } = {},
): Promise<CliResult> {
  const user = options.unprivileged && IS_ROOT ? { uid: 65534, gid: 65534 } : {};
  const env = { ...process.env, ...options.env, ...(options.unprivileged && IS_ROOT ? { HOME: os.tmpdir() } : {}) };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: options.cwd ?? ROOT, env, ...user, timeout: options.timeoutMs ?? 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A work folder with the sample config (its own cache) and lexicon, ready for `-c`. */
export async function makeWorkspace(overrides: Record<string, unknown> = {}): Promise<{ dir: string; config: string; out: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ae-cli-'));
  const { readFile } = await import('node:fs/promises');
  const config = JSON.parse(await readFile(path.join(ROOT, 'audio-edition.config.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  delete (config as Record<string, unknown>).$schema;
  config.speech = { ...config.speech, cacheDir: path.join(dir, 'cache') };
  for (const [key, value] of Object.entries(overrides)) {
    config[key] = { ...(config[key] ?? {}), ...(value as Record<string, unknown>) };
  }
  await copyFile(path.join(ROOT, 'lexicon.json'), path.join(dir, 'lexicon.json'));
  const file = path.join(dir, 'audio-edition.config.json');
  await writeFile(file, JSON.stringify(config, null, 2));
  return { dir, config: file, out: path.join(dir, 'output') };
}
