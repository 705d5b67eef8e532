import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveOutput } from '../src/commands/serve.js';
import { audioTime, collectPageErrors, currentParagraph, isPlaying, launchChromium } from './helpers/player-browser.js';
import { type EpisodeFixture, makeEpisodeFixture, SLUG } from './helpers/player-fixture.js';

/** A story's own page: the player for story a2 only, and the page's copies of paragraphs of all three stories. */
const STORY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>City council votes</title>
<script type="module" src="/player.js"></script></head><body><main>
<audio-edition src="/${SLUG}/manifest.json" article="a2"></audio-edition>
<p data-audio-edition-paragraph="a1-p1">The first story's first paragraph.</p>
<p data-audio-edition-paragraph="a2-p1">The council story's first paragraph.</p>
<p data-audio-edition-paragraph="a2-p3">The council story's last paragraph.</p>
<p data-audio-edition-paragraph="a3-p1">The weather's first paragraph.</p>
</main></body></html>`;

/** Records every paragraph that is ever marked as being read, in the player and on the page. */
function recordHighlights(page: Page): Promise<void> {
  return page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { highlighted: Set<string> }).highlighted = seen;
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const element = record.target as Element;
        if (element.getAttribute('aria-current') !== 'true') continue;
        const id = element.getAttribute('data-paragraph-id');
        const host = element.getAttribute('data-audio-edition-paragraph');
        if (id) seen.add(id);
        if (host) seen.add(`page:${host}`);
      }
    });
    for (const root of [document.querySelector('audio-edition')!.shadowRoot!, document.body]) {
      observer.observe(root, { subtree: true, attributes: true, attributeFilter: ['aria-current'] });
    }
  });
}

const highlighted = (page: Page): Promise<string[]> =>
  page.evaluate(() => [...(window as unknown as { highlighted: Set<string> }).highlighted].sort());

const audioSource = (page: Page): Promise<string> =>
  page.evaluate(() => document.querySelector('audio-edition')!.shadowRoot!.querySelector('audio')!.currentSrc);

describe('<audio-edition article="a2">: one story on its own (Chromium)', () => {
  let fixture: EpisodeFixture;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

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

  afterEach(async () => {
    expect(errors).toEqual([]);
    await page?.close();
  });

  /** Opens the story page; `withoutStoryAudio` serves a manifest that lists no a2.mp3. */
  async function openStoryPage(withoutStoryAudio = false): Promise<void> {
    page = await browser.newPage();
    errors = collectPageErrors(page);
    await page.route(`${server.url}story.html`, (route) => route.fulfill({ contentType: 'text/html', body: STORY_PAGE }));
    if (withoutStoryAudio) {
      await page.route('**/manifest.json', async (route) => {
        const manifest = await (await route.fetch()).json();
        delete manifest.articles[1].audio;
        await route.fulfill({ json: manifest });
      });
    }
    await page.goto(`${server.url}story.html`);
    await page.locator('[data-paragraph-id="a2-p1"]').waitFor();
  }

  async function expectStoryAlone(): Promise<void> {
    const ids = await page.locator('[data-paragraph-id]').evaluateAll((all) => all.map((p) => p.getAttribute('data-paragraph-id')));
    expect(ids).toEqual(['a2-p1', 'a2-p2', 'a2-p3']);
    expect(await page.locator('.article').allTextContents()).toEqual(['City council <b>votes</b>0:00']);
    expect(await page.locator('.title').textContent()).toBe('City council <b>votes</b>');
    await expect.poll(() => page.getByRole('slider', { name: 'Seek' }).getAttribute('aria-valuetext')).toBe('0:00 of 0:09');
    expect(await page.locator('.remaining').textContent()).toBe('-0:09');
  }

  it('plays the story’s own MP3, shows only that story, and stops at its end', async () => {
    await openStoryPage();
    await expectStoryAlone();
    expect(await audioSource(page)).toBe(`${server.url}${SLUG}/a2.mp3`);
    await recordHighlights(page);

    await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('2');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => currentParagraph(page)).toBe('a2-p1');
    // The story's own file: a2-p1 starts 0.5 s in, as its manifest time (10.5 s) minus the story's start.
    expect(await audioTime(page)).toBeLessThan(3);
    expect(await page.locator('[data-audio-edition-paragraph="a2-p1"]').getAttribute('aria-current')).toBe('true');

    await page.getByRole('slider', { name: 'Seek' }).fill('8');
    await expect.poll(() => currentParagraph(page)).toBe('a2-p3');
    await expect.poll(() => isPlaying(page), { timeout: 10_000 }).toBe(false);
    expect(await audioTime(page)).toBeGreaterThan(9.3);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(1);
    expect(await page.locator('.remaining').textContent()).toBe('-0:00');
    expect(await highlighted(page)).toEqual(['a2-p1', 'a2-p3', 'page:a2-p1', 'page:a2-p3']);
  });

  it('plays the episode between the story’s start and end when the story has no MP3 of its own', async () => {
    await openStoryPage(true);
    await expectStoryAlone();
    expect(await audioSource(page)).toBe(`${server.url}${SLUG}/episode.mp3`);
    await recordHighlights(page);

    await page.getByRole('combobox', { name: 'Playback speed' }).selectOption('2');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => currentParagraph(page)).toBe('a2-p1');
    const started = await audioTime(page);
    expect(started).toBeGreaterThanOrEqual(10);
    expect(started).toBeLessThan(13);
    expect(await page.locator('.elapsed').textContent()).toMatch(/^0:0[0-2]$/);

    await page.getByRole('slider', { name: 'Seek' }).fill('8'); // 18 s of the episode
    expect(await audioTime(page)).toBeCloseTo(18, 0);
    await expect.poll(() => isPlaying(page), { timeout: 10_000 }).toBe(false);
    // Paused at the story's end (19.5 s), before the next story begins at 20 s.
    expect(await audioTime(page)).toBeCloseTo(19.5, 1);
    expect(await currentParagraph(page)).toBe('a2-p3');
    expect(await page.locator('[data-audio-edition-paragraph="a3-p1"]').getAttribute('aria-current')).toBeNull();
    expect(await highlighted(page)).toEqual(['a2-p1', 'a2-p3', 'page:a2-p1', 'page:a2-p3']);

    // Played again, the story starts over.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => isPlaying(page)).toBe(true);
    expect(await audioTime(page)).toBeLessThan(12);
  });

  it('says so when the episode has no such story', async () => {
    page = await browser.newPage();
    errors = collectPageErrors(page);
    await page.route(`${server.url}story.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: STORY_PAGE.replace('article="a2"', 'article="a9"') }),
    );
    await page.goto(`${server.url}story.html`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/could not be loaded.*no story with the id “a9”/);
    expect(await page.getByRole('button', { name: 'Play' }).isDisabled()).toBe(true);
  });
});
