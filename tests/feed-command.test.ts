import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerFeed } from '../src/cli/feed.js';
import { rebuildFeed } from '../src/publish/feed.js';
import { buildFixtureEpisode, makeOutDir, testConfig, THREE_EDITIONS } from './feed-fixtures.js';

/** `audio-edition feed`: the feed rewritten from the store alone, matching the files on disk. */

const config = testConfig();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rebuildFeed', () => {
  it('leaves out episodes whose audio is gone and links no missing sidecar', async () => {
    const outDir = await makeOutDir();
    for (const edition of THREE_EDITIONS.slice(0, 2)) await buildFixtureEpisode(outDir, edition, config);
    const [gone, kept] = THREE_EDITIONS;
    await rm(path.join(outDir, gone!.slug, 'episode.mp3'));
    await rm(path.join(outDir, kept!.slug, 'transcript.srt'));
    const result = await rebuildFeed({ config, outDir });
    expect(result.episodes).toBe(1);
    expect(result.warnings).toEqual([expect.stringContaining(`${gone!.slug}/episode.mp3 is missing`)]);
    const xml = await readFile(result.feed, 'utf8');
    expect(xml).not.toContain(gone!.slug);
    expect(xml).toContain(`${kept!.slug}/transcript.vtt`);
    expect(xml).not.toContain('transcript.srt');
    // The store still remembers the episode whose audio went missing.
    expect(JSON.parse(await readFile(path.join(outDir, 'episodes.json'), 'utf8')).episodes).toHaveLength(2);
  });
  it('writes a valid empty feed and says why when nothing was built yet', async () => {
    const outDir = await makeOutDir();
    const result = await rebuildFeed({ config, outDir });
    expect(result.episodes).toBe(0);
    expect(result.warnings).toEqual([expect.stringContaining('holds no episodes yet')]);
    expect(await readFile(result.feed, 'utf8')).toContain('<channel>');
  });
});

describe('the feed command', () => {
  it('prints only one JSON document with --json', async () => {
    const outDir = await makeOutDir();
    await buildFixtureEpisode(outDir, THREE_EDITIONS[0]!, config);
    const configFile = path.join(outDir, 'config.json');
    await writeFile(
      configFile,
      JSON.stringify({ show: { baseUrl: 'https://cdn.example.com/audio/', owner: { email: 'desk@example.com' } } }),
    );
    const stdout: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const program = new Command().exitOverride();
    registerFeed(program);
    await program.parseAsync(['feed', '-c', configFile, '-o', outDir, '--json'], { from: 'user' });
    expect(JSON.parse(stdout.join(''))).toEqual({ feed: path.join(outDir, 'feed.xml'), episodes: 1 });
  });
});
