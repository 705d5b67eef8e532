import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe } from '../src/audio/ffmpeg.js';
import { makeWorkspace, runCli, SAMPLE } from './helpers/cli.js';

let work: { dir: string; config: string; out: string };
beforeAll(async () => {
  work = await makeWorkspace();
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

describe('the pronunciation lexicon through the CLI', () => {
  it('re-synthesizes only the paragraphs that use an edited entry', async () => {
    const first = await runCli(['build', SAMPLE, '-c', work.config, '-o', work.out, '--json']);
    expect(first.code).toBe(0);
    const lexiconFile = path.join(work.dir, 'lexicon.json');
    const lexicon = JSON.parse(await readFile(lexiconFile, 'utf8'));
    // "Viasna" appears in one paragraph of the sample; "Kastusev" in one other.
    lexicon.Viasna = { say: 'vyahs-nah' };
    await writeFile(lexiconFile, JSON.stringify(lexicon));
    const second = await runCli(['build', SAMPLE, '-c', work.config, '-o', work.out, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).episodes[0].clips.synthesized).toBe(1);

    lexicon.Kastusev = { say: 'kahs-too-syeff' };
    lexicon.Viasna = { say: 'vee-ahs-nuh' };
    await writeFile(lexiconFile, JSON.stringify(lexicon));
    const third = await runCli(['build', SAMPLE, '-c', work.config, '-o', work.out, '--json']);
    expect(JSON.parse(third.stdout).episodes[0].clips.synthesized).toBe(2);
  });

  it('previews a paragraph with the hard names through the same lexicon, engine and loudness', async () => {
    const out = path.join(work.dir, 'p1.mp3');
    const result = await runCli(['preview', SAMPLE, '--article', '1', '--paragraph', '1', '-c', work.config, '-o', out, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.lines).toBe(1);
    const info = await probe(out);
    expect(info.codec).toBe('mp3');
    expect(info.durationSeconds).toBeGreaterThan(8);
    // The paragraph was already built, so the preview reuses its clip: the same audio as the episode.
    expect(json.clips.cached).toBe(1);
  });

  it('previews a line of text given on the command line', async () => {
    const out = path.join(work.dir, 'line.mp3');
    const result = await runCli([
      'preview',
      '--text',
      'Alexander Lukashenko met Rygor Kastusev and Viasna.',
      '-c',
      work.config,
      '-o',
      out,
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect((await probe(out)).durationSeconds).toBeGreaterThan(1.5);
  });
});
