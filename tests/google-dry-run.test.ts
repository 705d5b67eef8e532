import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, SAMPLE } from './helpers/cli.js';

/** A dry run plans and prices a Google build on a machine that has no Google credentials yet. */

let work: { dir: string; config: string; out: string };
beforeAll(async () => {
  work = await makeWorkspace({ engines: { google: { voice: 'en-US-Neural2-D' } } });
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

describe('build --dry-run --engine google without credentials', () => {
  it('estimates the cost, warns that the voice was not checked, and prints no library noise', async () => {
    const env = {
      GOOGLE_APPLICATION_CREDENTIALS: '',
      HOME: work.dir,
      CLOUDSDK_CONFIG: work.dir,
      GCE_METADATA_HOST: '127.0.0.1:9',
      GCE_METADATA_IP: '127.0.0.1:9',
    };
    const result = await runCli(['build', SAMPLE, '-c', work.config, '-o', work.out, '--engine', 'google', '--dry-run', '--json'], { env });
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.dryRun).toBe(true);
    const episode = json.episodes[0];
    expect(episode.engine).toBe('google');
    // Neural2 is billed per byte of what is sent: at least the sample's characters.
    expect(episode.characters.synthesized).toBeGreaterThan(2000);
    expect(episode.estimatedCostUsd).toBeGreaterThan(0.03);
    expect(episode.estimatedCostUsd).toBeLessThan(0.2);
    expect(result.stderr).toContain('not checked');
    expect(result.stderr).not.toMatch(/Warning|trace-warnings/);
  });
});
