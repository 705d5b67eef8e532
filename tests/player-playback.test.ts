import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveOutput, type RunningServer } from '../src/commands/serve.js';
import { audioTime, collectPageErrors, currentParagraph, launchChromium } from './helpers/player-browser.js';
import { makeEpisodeFixture, SLUG, type EpisodeFixture } from './helpers/player-fixture.js';

/** The player on the episode's own listen page, served like a CDN would. */
describe('player playback in Chromium', () => {
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

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    errors = collectPageErrors(page);
    await page.goto(`${server.url}${SLUG}/`);
    await page.locator('[data-paragraph-id="a1-p1"]').waitFor();
  });

  afterEach(async () => {
    expect(errors).toEqual([]);
    await page.close();
  });

  it('plays, advances the time, and moves the highlight along with the reading', async () => {
    expect(await currentParagraph(page)).toBeNull();
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    await expect.poll(() => audioTime(page), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await currentParagraph(page)).toBe('a1-p1');
    await expect.poll(() => currentParagraph(page), { timeout: 15_000 }).toBe('a1-p2');
    const time = await audioTime(page);
    expect(time).toBeGreaterThanOrEqual(3.4);
    expect(time).toBeLessThan(6.5);
    // The elapsed time shown follows the audio too.
    expect(await page.locator('.elapsed').textContent()).toMatch(/^0:0[3-6]$/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Play' }).count()).toBe(1);
  });

  it('plays from the start of the third paragraph when it is clicked', async () => {
    // Its corner, off the words: a click on a word plays from that word (see player-words.test.ts).
    await page.locator('[data-paragraph-id="a1-p3"]').click({ position: { x: 3, y: 3 } });
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
    const time = await audioTime(page);
    expect(time).toBeGreaterThanOrEqual(6.4);
    expect(time).toBeLessThan(8);
    expect(await currentParagraph(page)).toBe('a1-p3');
    expect(await page.locator('[data-paragraph-id="a1-p3"]').getAttribute('aria-current')).toBe('true');
    expect(await page.locator('[data-paragraph-id][aria-current="true"]').count()).toBe(1);
    expect(await page.locator('[data-paragraph-id="a1-p3"]').getAttribute('part')).toBe('paragraph current-paragraph');
  });

  it('changes speed between 0.75× and 2× and remembers it', async () => {
    const speed = page.getByRole('combobox', { name: 'Playback speed' });
    const options = await speed.locator('option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
    expect(options[0]).toBe('0.75');
    expect(options.at(-1)).toBe('2');
    await speed.selectOption('1.5');
    const rate = () => page.evaluate(() => document.querySelector('audio-edition')!.shadowRoot!.querySelector('audio')!.playbackRate);
    expect(await rate()).toBe(1.5);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => audioTime(page), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await rate()).toBe(1.5);
    await page.reload();
    await page.locator('[data-paragraph-id="a1-p1"]').waitFor();
    expect(await rate()).toBe(1.5);
    expect(await speed.inputValue()).toBe('1.5');
  });

  it('skips back 15 s and forward 30 s', async () => {
    await page.locator('[data-paragraph-id="a3-p1"]').click({ position: { x: 3, y: 3 } }); // 20.5 s
    await page.getByRole('button', { name: 'Pause' }).click();
    const before = await audioTime(page);
    await page.getByRole('button', { name: 'Forward 30 seconds' }).click();
    expect(await audioTime(page)).toBeCloseTo(before + 30, 0);
    await page.getByRole('button', { name: 'Back 15 seconds' }).click();
    expect(await audioTime(page)).toBeCloseTo(before + 15, 0);
    for (let i = 0; i < 3; i += 1) await page.getByRole('button', { name: 'Back 15 seconds' }).click();
    expect(await audioTime(page)).toBe(0);
  });

  it('jumps to a story from the story list and seeks with the seek bar', async () => {
    await page.getByRole('button', { name: /^2\. City council/ }).click();
    expect(await audioTime(page)).toBeCloseTo(10, 0);
    expect(await page.getByRole('button', { name: /^2\. City council/ }).getAttribute('aria-current')).toBe('true');
    await page.getByRole('button', { name: 'Pause' }).click();
    const seek = page.getByRole('slider', { name: 'Seek' });
    await seek.fill('24');
    expect(await audioTime(page)).toBeCloseTo(24, 0);
    expect(await currentParagraph(page)).toBe('a3-p2');
    expect(await seek.getAttribute('aria-valuetext')).toBe('0:24 of 1:00');
    expect(await page.locator('.remaining').textContent()).toBe('-0:36');
  });

  it('resumes where the listener stopped, per episode', async () => {
    await page.locator('[data-paragraph-id="a2-p1"]').click({ position: { x: 3, y: 3 } }); // 10.5 s
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.reload();
    await expect.poll(() => audioTime(page), { timeout: 10_000 }).toBeGreaterThan(10);
    expect(await audioTime(page)).toBeLessThan(12);
    expect(await currentParagraph(page)).toBe('a2-p1');
  });

  it('tells the lock screen what is playing', async () => {
    await page.locator('[data-paragraph-id="a2-p2"]').click();
    await expect.poll(() => page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe('City council <b>votes</b>');
    const metadata = await page.evaluate(() => ({
      album: navigator.mediaSession.metadata?.album,
      artist: navigator.mediaSession.metadata?.artist,
      state: navigator.mediaSession.playbackState,
    }));
    expect(metadata).toEqual({ album: 'A Little Respite', artist: 'Test Newsroom', state: 'playing' });
  });

  it('keeps the paragraph being read in view inside the transcript without scrolling the page', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('[data-paragraph-id="a3-p3"]').evaluate((element) => (element as HTMLElement).click());
    await expect
      .poll(() =>
        page.evaluate(() => {
          const root = document.querySelector('audio-edition')!.shadowRoot!;
          const box = root.querySelector('.transcript')!.getBoundingClientRect();
          const current = root.querySelector('[aria-current="true"][data-paragraph-id]')!.getBoundingClientRect();
          return current.top >= box.top - 1 && current.bottom <= box.bottom + 1;
        }),
      )
      .toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  it('does not shift the layout while loading', async () => {
    await page.route('**/manifest.json', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    await page.addInitScript(() => {
      (window as unknown as { shift: number }).shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          (window as unknown as { shift: number }).shift += (entry as unknown as { value: number }).value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${server.url}${SLUG}/`);
    const loadingHeight = await page.locator('audio-edition').evaluate((element) => element.getBoundingClientRect().height);
    await page.locator('[data-paragraph-id="a1-p1"]').waitFor();
    const loadedHeight = await page.locator('audio-edition').evaluate((element) => element.getBoundingClientRect().height);
    expect(loadedHeight).toBe(loadingHeight);
    expect(await page.evaluate(() => (window as unknown as { shift: number }).shift)).toBe(0);
  });
});

describe('player load failures', () => {
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

  async function open(body: string): Promise<Page> {
    const page = await browser.newPage();
    await page.route(`${server.url}test.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><script type="module" src="/player.js"></script>${body}` }),
    );
    await page.goto(`${server.url}test.html`);
    return page;
  }

  it('says so clearly when the manifest cannot be loaded', async () => {
    const page = await open('<audio-edition src="/missing/manifest.json"></audio-edition>');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/This episode could not be loaded.*HTTP 404/);
    expect(await page.getByRole('button', { name: 'Play' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('loads the new episode when src changes', async () => {
    const page = await open('<audio-edition src="/missing/manifest.json"></audio-edition>');
    await expect.poll(() => page.getByRole('alert').isVisible()).toBe(true);
    await page.locator('audio-edition').evaluate((element, slug) => element.setAttribute('src', `/${slug}/manifest.json`), SLUG);
    await page.locator('[data-paragraph-id="a1-p1"]').waitFor();
    expect(await page.getByRole('alert').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Play' }).isEnabled()).toBe(true);
    expect(await page.locator('.title').textContent()).toBe('A Little Respite');
    await page.close();
  });

  it('says so clearly when the audio cannot be loaded', async () => {
    const page = await browser.newPage();
    await page.route('**/episode.mp3', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${server.url}${SLUG}/`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/audio could not be played/);
    await page.close();
  });
});
