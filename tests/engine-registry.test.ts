/**
 * An engine registers by its folder and its entry in src/engines/index.ts, nothing else. The test
 * does exactly that to a copy of the source tree: it copies tests/fixtures/tone-engine/ in as
 * src/engines/tone/, adds the import and the list entry, compiles the copy as `npm run build`
 * does, and runs its CLI. The new engine must then show up in `--engine` help, `doctor`, the
 * config schema and its validation, `voices`, and build a real episode.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import { makeWorkspace, ROOT, runCli, SAMPLE } from './helpers/cli.js';

const run = promisify(execFile);
let copy: string;
let work: { dir: string; config: string; out: string };

/** Runs the copy's built CLI, as `runCli` runs the real one. */
function runCopy(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [path.join(copy, 'bin/audio-edition.js'), ...args], { cwd: work.dir }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  copy = await mkdtemp(path.join(os.tmpdir(), 'ae-engine-'));
  for (const entry of ['src', 'bin', 'package.json', 'tsconfig.json'])
    await cp(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  await symlink(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  // The browser player is built by its own config; the copy publishes the one already built.
  await mkdir(path.join(copy, 'dist/player'), { recursive: true });
  await cp(path.join(ROOT, 'dist/player/player.js'), path.join(copy, 'dist/player/player.js'));

  // The two steps of adding an engine: its folder, and its entry in the registry.
  await cp(path.join(ROOT, 'tests/fixtures/tone-engine'), path.join(copy, 'src/engines/tone'), { recursive: true });
  const registry = path.join(copy, 'src/engines/index.ts');
  const source = await readFile(registry, 'utf8');
  const registered = source
    .replace(
      /^(import \{ \w+ \} from '\.\/[\w-]+\/index\.js';\n)(?!import \{ \w+ \} from '\.\/)/m,
      "$1import { tone } from './tone/index.js';\n",
    )
    .replace(/(export const ENGINES: readonly EngineDefinition\[\] = \[[^\]]*?),?(\s*)\];/, '$1, tone$2];');
  expect(registered.split('\n').length - source.split('\n').length).toBe(1);
  await writeFile(registry, registered);

  await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(copy, 'tsconfig.json')]);
  work = await makeWorkspace();
}, 300_000);
afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
  await rm(work.dir, { recursive: true, force: true });
});

describe('a third engine, added as a folder and a registry entry', () => {
  it('is listed in --engine help, where the real tree does not have it', async () => {
    const help = (await runCopy(['build', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--engine <id> speech engine: flite \([^)]*\), google \([^)]*\), tone \(test tones, no account\)/);
    expect((await runCli(['build', '--help'])).stdout).not.toContain('tone');
  });

  it('has its own config section in the schema, validated with key paths', async () => {
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(path.join(copy, 'dist/commands/config.js'))}); console.log(JSON.stringify(m.configJsonSchema()));`,
    ]);
    const schema = JSON.parse(stdout);
    expect(schema.properties.engines.properties.tone.properties).toHaveProperty('secondsPerCharacter');
    expect(schema.properties.speech.properties.engine.enum).toEqual(['flite', 'google', 'tone']);
    const bad = path.join(work.dir, 'bad-tone.config.json');
    await writeFile(bad, JSON.stringify({ engines: { tone: { secondsPerCharacter: 'slow' } } }));
    const refused = await runCopy(['doctor', '-c', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('engines.tone.secondsPerCharacter');
  });

  it('is checked by doctor', async () => {
    const result = await runCopy(['doctor', '-c', work.config, '-o', work.out, '--json']);
    const doctor = JSON.parse(result.stdout) as { checks: Array<{ name: string; status: string; detail: string }> };
    expect(doctor.checks.find((check) => check.name === 'tone engine')).toEqual({
      name: 'tone engine',
      status: 'ok',
      detail: '2 voices, nothing to install',
    });
  });

  it('lists its voices and builds an episode, with its default voice and its own config section', async () => {
    const voices = await runCopy(['voices', '--engine', 'tone', '-c', work.config, '--json']);
    expect(JSON.parse(voices.stdout).voices.map((voice: { name: string }) => voice.name)).toEqual(['low', 'high']);
    const config = JSON.parse(await readFile(work.config, 'utf8'));
    config.engines = { tone: { secondsPerCharacter: 0.01 } };
    await writeFile(work.config, JSON.stringify(config));
    const result = await runCopy(['build', SAMPLE, '--engine', 'tone', '-c', work.config, '-o', work.out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const episode = JSON.parse(result.stdout).episodes[0];
    // The shipped config's voice (slt) belongs to flite: the tone engine reads with its own default.
    expect(episode).toMatchObject({ engine: 'tone', voice: 'low', estimatedCostUsd: 0 });
    const characters = episode.characters.total as number;
    const info = await probe(path.join(work.out, episode.slug, 'episode.mp3'));
    // A hundredth of a second per character, plus the pauses between lines.
    expect(info.durationSeconds).toBeGreaterThan(characters * 0.01);
    expect(info.durationSeconds).toBeLessThan(characters * 0.01 + 40);
  });
});
