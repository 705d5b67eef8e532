import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureLoudness } from './helpers/audio.js';
import { makeWorkspace, ROOT, runCli, SAMPLE } from './helpers/cli.js';

/** A machine with no system ffmpeg gets the static builds that npm installed, and they do the whole job. */

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const bundledFfmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const bundledFfprobe = (require('@ffprobe-installer/ffprobe') as { path: string }).path;

let work: { dir: string; config: string; out: string };
beforeAll(async () => {
  work = await makeWorkspace();
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

describe('ffmpeg from npm', () => {
  it('is what the tool uses when ffmpeg is not on the PATH', async () => {
    const script = `import('${path.join(ROOT, 'dist/audio/ffmpeg.js')}').then((m) => console.log(JSON.stringify(m.toolPaths())))`;
    const { stdout } = await run(process.execPath, ['-e', script], {
      env: { ...process.env, PATH: '/nonexistent', FFMPEG_PATH: '', FFPROBE_PATH: '' },
    });
    expect(JSON.parse(stdout)).toEqual({ ffmpeg: bundledFfmpeg, ffprobe: bundledFfprobe });
  });

  it('builds the sample with chapters, tags and loudness on target', async () => {
    const result = await runCli(['build', SAMPLE, '-c', work.config, '-o', work.out, '--json', '--no-feed'], {
      env: { FFMPEG_PATH: bundledFfmpeg, FFPROBE_PATH: bundledFfprobe },
    });
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    const mp3 = path.join(work.out, '2026-11-25-a-little-respite', 'episode.mp3');
    const { stdout } = await run(bundledFfprobe, ['-v', 'error', '-show_chapters', '-show_format', '-of', 'json', mp3]);
    const info = JSON.parse(stdout) as {
      chapters: Array<{ tags: { title: string } }>;
      format: { format_name: string; tags: Record<string, string> };
    };
    expect(info.format.format_name).toBe('mp3');
    expect(info.format.tags.title).toBe('A Little Respite');
    expect(info.chapters.map((c) => c.tags.title)).toEqual(['A Little Respite']);
    const loudness = await measureLoudness(mp3);
    expect(Math.abs(loudness.integrated - -16)).toBeLessThanOrEqual(0.5);
    expect(loudness.truePeak).toBeLessThanOrEqual(-1.5);
  });
});
