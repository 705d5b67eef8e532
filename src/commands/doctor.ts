import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Config } from '../config/schema.js';
import { toolPaths } from '../audio/ffmpeg.js';
import { ENGINES } from '../engines/index.js';
import { checkShowConfig } from '../publish/feed-checks.js';
import { isS3Url, parseS3Url } from '../publish/upload/target.js';

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
    return {
      name,
      status: 'fail',
      detail: `cannot run ${binary}`,
      fix: `Install ffmpeg (apt-get install ffmpeg), or set ${name.toUpperCase()}_PATH, or reinstall the npm packages.`,
    };
  }
}

async function checkMp3Encoder(binary: string): Promise<Check> {
  try {
    const { stdout } = await run(binary, ['-hide_banner', '-encoders'], { timeout: 10_000 });
    return /libmp3lame/.test(stdout)
      ? { name: 'mp3 encoder', status: 'ok', detail: 'libmp3lame available' }
      : {
          name: 'mp3 encoder',
          status: 'fail',
          detail: 'this ffmpeg has no libmp3lame',
          fix: 'Use an ffmpeg build with libmp3lame (Debian’s ffmpeg has it).',
        };
  } catch {
    return { name: 'mp3 encoder', status: 'fail', detail: 'could not list encoders', fix: 'Fix ffmpeg first.' };
  }
}

/**
 * Whether a build could publish into `outDir`, found by creating and removing a file there (or in
 * the nearest existing parent when it does not exist yet): permission bits alone say nothing for
 * root or on a read-only mount. Doctor itself creates nothing that stays.
 */
async function checkOutput(outDir: string): Promise<Check> {
  const fix = 'Choose another folder with -o, or fix its permissions (the build must create and rename files there).';
  let folder = outDir;
  for (;;) {
    try {
      const info = await stat(folder);
      if (!info.isDirectory()) {
        return {
          name: 'output folder',
          status: 'fail',
          detail: `${folder} is a file, not a folder`,
          fix: 'Remove it or choose another folder with -o.',
        };
      }
      break;
    } catch {
      const parent = path.dirname(folder);
      if (parent === folder) return { name: 'output folder', status: 'fail', detail: `no part of ${outDir} exists`, fix };
      folder = parent;
    }
  }
  const probe = path.join(folder, `.audio-edition-doctor-${process.pid}.tmp`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { name: 'output folder', status: 'fail', detail: `cannot write in ${folder} (${code})`, fix };
  }
  return {
    name: 'output folder',
    status: 'ok',
    detail: folder === outDir ? `${outDir} is writable` : `${outDir} will be created in ${folder}, which is writable`,
  };
}

export async function runDoctor(options: {
  config: Config;
  configDir: string;
  configFile: string | undefined;
  outDir: string;
}): Promise<{ ok: boolean; checks: Check[] }> {
  const { config, configDir } = options;
  const tools = toolPaths();
  const checks: Check[] = [
    {
      name: 'config',
      status: 'ok',
      detail: options.configFile ? `${options.configFile} is valid` : 'no config file; using built-in defaults',
    },
    await checkBinary('ffmpeg', tools.ffmpeg),
    await checkBinary('ffprobe', tools.ffprobe),
    await checkMp3Encoder(tools.ffmpeg),
    ...(await checkEngines(config, configDir)),
    await checkOutput(options.outDir),
    ...(await checkBuckets(config)),
  ];
  checks.push(...checkShow(config));
  return { ok: checks.every((check) => check.status !== 'fail'), checks };
}

/** Every registered engine's own check; one the config builds with must pass, the others may warn. */
async function checkEngines(config: Config, configDir: string): Promise<Check[]> {
  const checks: Check[] = [];
  for (const engine of ENGINES) {
    const check = await engine.doctor({ config, configDir }, { required: config.speech.engine === engine.id });
    checks.push({ name: `${engine.id} engine`, ...check });
  }
  return checks;
}

/**
 * The publish target and an s3:// clip cache: credentials found, bucket reachable, prefix
 * writable (a probe object under `.audio-edition-doctor/` is written and deleted; nothing
 * published is touched). The SDK loads only when one of them is configured.
 */
async function checkBuckets(config: Config): Promise<Check[]> {
  const checks: Check[] = [];
  const wanted = [
    { name: 'publish target', url: config.publish.target },
    { name: 'clip cache', url: isS3Url(config.speech.cacheDir) ? config.speech.cacheDir : undefined },
  ];
  for (const { name, url } of wanted) {
    if (!url) {
      if (name === 'publish target') checks.push({ name, status: 'ok', detail: 'publish.target is not set; `publish` is not configured' });
      continue;
    }
    const { probeLocation } = await import('../publish/upload/probe.js');
    const result = await probeLocation(parseS3Url(url), config.publish);
    checks.push(
      result.ok
        ? { name, status: 'ok', detail: result.detail }
        : {
            name,
            status: 'fail',
            detail: result.detail,
            fix:
              result.stage === 'credentials'
                ? 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run where a role provides credentials.'
                : 'Check the bucket name, publish.endpoint/region/forcePathStyle, and that the credentials may list, write and delete there.',
          },
    );
  }
  return checks;
}

/**
 * The show and feed keys. What would stop the feed from being written blocks a build (fail); what
 * only podcast directories refuse (plain http, no cover art) is a warning to fix before publishing.
 */
function checkShow(config: Config): Check[] {
  const build = checkShowConfig(config, { publishing: false });
  const publish = checkShowConfig(config, { publishing: true });
  const fix = 'Fix it in the config’s "show" section.';
  // baseUrl gets its own line, even when fine: every URL in the feed and the embed snippet hangs off it.
  const nameOf = (message: string) => (message.startsWith('show.baseUrl') ? 'baseUrl' : 'show');
  const checks: Check[] = [
    ...build.errors.map((error): Check => ({ name: nameOf(error), status: 'fail', detail: error, fix })),
    ...publish.errors
      .filter((error) => !build.errors.includes(error))
      .map(
        (error): Check => ({
          name: nameOf(error),
          status: 'warn',
          detail: error,
          fix: `${fix} Builds work; podcast directories will refuse the feed.`,
        }),
      ),
    ...publish.warnings.map((warning): Check => ({ name: nameOf(warning), status: 'warn', detail: warning })),
  ];
  if (!checks.some((check) => check.name === 'baseUrl')) {
    checks.unshift({ name: 'baseUrl', status: 'ok', detail: `${config.show.baseUrl} (feed, episodes and player are published under it)` });
  }
  return checks;
}
