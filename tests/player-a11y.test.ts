import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveOutput } from '../src/commands/serve.js';
import { launchChromium } from './helpers/player-browser.js';
import { type EpisodeFixture, makeEpisodeFixture, SLUG } from './helpers/player-fixture.js';

const AXE = path.resolve(import.meta.dirname, '../node_modules/axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core in the page (it looks into the player's open shadow root too) and lists what it finds. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.map(
    (violation) => `${violation.id}: ${violation.help} (${JSON.stringify(violation.nodes.map((node) => node.target))})`,
  );
}

describe('accessibility of the listen page and the player (axe-core, Chromium)', () => {
  let fixture: EpisodeFixture;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    fixture = await makeEpisodeFixture();
    server = await serveOutput({ dir: fixture.dir, port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fixture?.cleanup();
  });

  for (const [width, colorScheme] of [
    [1280, 'light'],
    [375, 'light'],
    [1280, 'dark'],
  ] as const) {
    it(`has no violations on the listen page at ${width} px (${colorScheme}), paused and while a word is marked`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.goto(`${server.url}${SLUG}/`);
      await page.locator('[data-paragraph-id="a1-p1"] .word').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // With a paragraph and a word marked, in the player and on the page.
      await page.locator('[data-paragraph-id="a1-p2"] .word').nth(3).click();
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.locator('[data-paragraph-id="a1-p2"] [data-current-word]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it(`has no violations for a player of one story on an article page at ${width} px (${colorScheme})`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
      await page.route(`${server.url}story.html`, (route) =>
        route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>City council votes</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><script type="module" src="/player.js"></script></head>
<body><main><h1>City council votes</h1><audio-edition src="/${SLUG}/manifest.json" article="a2"></audio-edition></main></body></html>`,
        }),
      );
      await page.goto(`${server.url}story.html`);
      await page.locator('[data-paragraph-id="a2-p1"]').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
