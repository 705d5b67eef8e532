import { access, constants, mkdir } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Config } from './config/schema.js';
import { toolPaths } from './audio/ffmpeg.js';
import { createEngine } from './engines/index.js';
import { checkGoogleCredentials } from './engines/google-credentials.js';
import { checkShowConfig } from './publish/feed-checks.js';

/**
 * `doctor`: checks everything a build needs, without calling any paid service, and says
 * how to fix each problem. A failed check that blocks a build makes the command exit 1.
 */

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

const run = promisify(execFile);

async function checkBinary(name: string, binary: string): Promise<Check> {
  try {
    const { stdout } = await run(binary, ['-version'], { timeout: 10_000 });
    return { name, status: 'ok', detail: `${stdout.split('\n')[0]} (${binary})` };
  } catch {
    return { name, status: 'fail', detail: `cannot run ${binary}`, fix: `Install ffmpeg (apt-get install ffmpeg), or set ${name.toUpperCase()}_PATH, or reinstall the npm packages.` };
  }
}

async function checkMp3Encoder(binary: string): Promise<Check> {
  try {
    const { stdout } = await run(binary, ['-hide_banner', '-encoders'], { timeout: 10_000 });
    return /libmp3lame/.test(stdout)
      ? { name: 'mp3 encoder', status: 'ok', detail: 'libmp3lame available' }
      : { name: 'mp3 encoder', status: 'fail', detail: 'this ffmpeg has no libmp3lame', fix: 'Use an ffmpeg build with libmp3lame (Debian’s ffmpeg has it).' };
  } catch {
    return { name: 'mp3 encoder', status: 'fail', detail: 'could not list encoders', fix: 'Fix ffmpeg first.' };
  }
}

async function checkFlite(config: Config, configDir: string): Promise<Check> {
  const engine = await createEngine('flite', { config, configDir, concurrency: 1 });
  try {
    const voice = engine.defaultVoice;
    const clip = await engine.synthesize(engine.prepare({ text: 'Ready.', voice, language: 'en-US', lexicon: [] }));
    return { name: 'flite engine', status: 'ok', detail: `synthesized a test clip with voice ${voice} (${clip.wav.length} bytes)` };
  } catch (error) {
    return { name: 'flite engine', status: 'fail', detail: `flite could not synthesize: ${(error as Error).message}`, fix: 'Reinstall with `npm install`.' };
  } finally {
    await engine.close();
  }
}

async function checkGoogle(config: Config, configDir: string, required: boolean): Promise<Check> {
  const result = await checkGoogleCredentials({ config, configDir });
  const status: CheckStatus = result.ok ? 'ok' : required ? 'fail' : 'warn';
  const where = result.file ? ` (${result.source}: ${result.file}${result.account ? `, ${result.account}` : ''})` : '';
  return { name: 'google engine', status, detail: `${result.ok ? 'credentials found' : 'not ready'}${where}: ${result.message}` };
}

async function checkOutput(outDir: string): Promise<Check> {
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
    return { name: 'output folder', status: 'ok', detail: `${outDir} is writable` };
  } catch {
    return { name: 'output folder', status: 'fail', detail: `${outDir} is not writable`, fix: 'Choose another folder with -o, or fix its permissions.' };
  }
}

export async function runDoctor(options: { config: Config; configDir: string; configFile: string | undefined; outDir: string }): Promise<{ ok: boolean; checks: Check[] }> {
  const { config, configDir } = options;
  const tools = toolPaths();
  const checks: Check[] = [
    { name: 'config', status: 'ok', detail: options.configFile ? `${options.configFile} is valid` : 'no config file; using built-in defaults' },
    await checkBinary('ffmpeg', tools.ffmpeg),
    await checkBinary('ffprobe', tools.ffprobe),
    await checkMp3Encoder(tools.ffmpeg),
    await checkFlite(config, configDir),
    await checkGoogle(config, configDir, config.speech.engine === 'google'),
    await checkOutput(options.outDir),
  ];
  const show = checkShowConfig(config, { publishing: true });
  for (const error of show.errors) checks.push({ name: 'show', status: 'fail', detail: error, fix: 'Fix it in the config’s "show" section.' });
  for (const warning of show.warnings) checks.push({ name: 'show', status: 'warn', detail: warning });
  return { ok: checks.every((check) => check.status !== 'fail'), checks };
}
