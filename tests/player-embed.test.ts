import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveOutput, type RunningServer } from '../src/commands/serve.js';
import {
  audioTime,
  collectPageErrors,
  currentParagraph,
  focusedLabel,
  isPlaying,
  launchChromium,
  tabTo,
} from './helpers/player-browser.js';
import { makeEpisodeFixture, makeHostSite, SLUG, XSS_TEXT, type EpisodeFixture } from './helpers/player-fixture.js';

/** An article page on the newsroom's site, embedding the player from the "CDN" on another origin. */
function hostPage(cdn: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council votes</title>
<style>body { margin: 0; padding: 16px; font: 18px/1.6 Georgia, serif; } article { max-width: 40rem; margin: auto; }</style>
<script type="module" src="${cdn}player.js"></script>
</head><body><article>
<h1>City council votes</h1>
<label>Comment <input id="comment"></label>
<audio-edition src="${cdn}${SLUG}/manifest.json"></audio-edition>
<p data-audio-edition-paragraph="a2-p1">The host page's own copy of the first paragraph of the council story.</p>
<p data-audio-edition-paragraph="a2-p3">A paragraph with <a id="inner-link" href="#notes">a link</a> inside.</p>
<p data-audio-edition-paragraph="a3-p2">The weather, second paragraph.</p>
<p data-audio-edition-paragraph="zz-other">A paragraph of some other episode.</p>
<textarea id="notes"></textarea>
<div id="editor" contenteditable="true">Editable</div>
</article></body></html>`;
}

describe('the player embedded on another origin', () => {
  let fixture: EpisodeFixture;
  let site: Awaited<ReturnType<typeof makeHostSite>>;
  let cdn: RunningServer;
  let host: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    fixture = await makeEpisodeFixture();
    cdn = await serveOutput({ dir: fixture.dir, port: 0 });
    browser = await launchChromium();
    // The host page needs the CDN's URL, so the site is written once the CDN has a port.
    site = await makeHostSite(hostPage(cdn.url));
    host = await serveOutput({ dir: site.dir, port: 0 });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await cdn?.close();
    await site?.cleanup();
    await fixture?.cleanup();
  });

  afterEach(async () => {
    expect(errors).toEqual([]);
    await page?.close();
  });

  async function openHostPage(width = 1000): Promise<Page> {
    page = await browser.newPage({ viewport: { width, height: 900 } });
    errors = collectPageErrors(page);
    await page.goto(host.url);
    await page.locator('[data-paragraph-id="a1-p1"]').waitFor();
    return page;
  }

  it('loads across origins, then highlights and seeks with the host page’s marked paragraphs', async () => {
    await openHostPage();
    expect(new URL(host.url).origin).not.toBe(new URL(cdn.url).origin);
    const hostParagraph = (id: string) => page.locator(`article > [data-audio-edition-paragraph="${id}"]`);

    await hostParagraph('a3-p2').click();
    await expect.poll(() => isPlaying(page)).toBe(true);
    expect(await audioTime(page)).toBeGreaterThanOrEqual(23.4);
    expect(await audioTime(page)).toBeLessThan(25);
    expect(await hostParagraph('a3-p2').getAttribute('aria-current')).toBe('true');
    expect(await currentParagraph(page)).toBe('a3-p2');

    await hostParagraph('a2-p1').click();
    expect(await audioTime(page)).toBeLessThan(12);
    expect(await hostParagraph('a2-p1').getAttribute('aria-current')).toBe('true');
    expect(await hostParagraph('a3-p2').getAttribute('aria-current')).toBeNull();
    expect(await page.locator('[data-audio-edition-paragraph][aria-current="true"]').count()).toBe(1);

    // Reading on: the host's copy follows the audio, and is cleared once the player moves past it.
    await page.locator('[data-paragraph-id="a2-p2"]').evaluate((element) => (element as HTMLElement).click());
    await expect.poll(() => page.locator('[data-audio-edition-paragraph][aria-current="true"]').count()).toBe(0);

    // A link inside a marked paragraph stays a link; the unknown id is never touched.
    const before = await audioTime(page);
    await page.locator('#inner-link').click();
    expect(Math.abs((await audioTime(page)) - before)).toBeLessThan(2);
    await hostParagraph('zz-other').click();
    expect(await hostParagraph('zz-other').getAttribute('aria-current')).toBeNull();
  });

  it('fits a 375 px screen without sideways scrolling, on a host page and on the listen page', async () => {
    for (const width of [375, 320]) {
      await openHostPage(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const box = await page.getByRole('button', { name: 'Play' }).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      const speed = await page.getByRole('combobox', { name: 'Playback speed' }).boundingBox();
      expect(speed!.x + speed!.width).toBeLessThanOrEqual(width);
      await page.goto(`${cdn.url}${SLUG}/`);
      await page.locator('[data-paragraph-id="a1-p1"]').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.close();
    }
  });

  it('shows markup in article text literally and runs none of it', async () => {
    await openHostPage();
    await page.route('**/manifest.json', async (route) => {
      const manifest = await (await route.fetch()).json();
      manifest.title = '<img src=x onerror="window.__pwned=3">Title';
      await route.fulfill({ json: manifest, headers: { 'Access-Control-Allow-Origin': '*' } });
    });
    await page.reload();
    const paragraph = page.locator('[data-paragraph-id="a2-p2"]');
    await paragraph.waitFor();
    expect(await paragraph.textContent()).toBe(XSS_TEXT);
    // Once the word times arrive, the paragraph is word spans holding nothing but text.
    await paragraph.locator('.word').first().waitFor();
    expect(await paragraph.textContent()).toBe(XSS_TEXT);
    expect(
      await paragraph.evaluate((element) =>
        [...element.querySelectorAll('*')].every((child) => child.tagName === 'SPAN' && child.children.length === 0),
      ),
    ).toBe(true);
    await paragraph.evaluate((element) => (element as HTMLElement).click()); // highlight it too
    expect(await page.locator('.title').textContent()).toBe('<img src=x onerror="window.__pwned=3">Title');
    expect(await page.getByRole('button', { name: /^2\. City council/ }).textContent()).toContain('<b>votes</b>');
    const injected = await page.evaluate(
      () => document.querySelector('audio-edition')!.shadowRoot!.querySelectorAll('img, script, b').length,
    );
    expect(injected).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // The listen page renders the same text as escaped HTML.
    await page.goto(`${cdn.url}${SLUG}/`);
    await page.locator('[data-paragraph-id="a2-p2"]').waitFor();
    expect(await page.locator('article [data-audio-edition-paragraph="a2-p2"]').textContent()).toBe(XSS_TEXT);
    expect(await page.locator('main img, main b').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('works on a host page with a strict Content-Security-Policy', async () => {
    const cdnOrigin = new URL(cdn.url).origin;
    const policy = `default-src 'none'; script-src ${cdnOrigin}; connect-src ${cdnOrigin}; media-src ${cdnOrigin}; style-src 'self'`;
    const html = hostPage(cdn.url).replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${policy}">`);
    await writeFile(path.join(site.dir, 'csp.html'), html);
    page = await browser.newPage();
    errors = collectPageErrors(page);
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { violations: string[] }).violations.push(event.violatedDirective),
      );
    });
    await page.goto(`${host.url}csp.html`);
    await page.locator('[data-paragraph-id="a1-p1"]').waitFor();
    const play = page.getByRole('button', { name: 'Play' });
    expect(await play.evaluate((element) => getComputedStyle(element).borderRadius)).toBe('50%');
    await play.click();
    await expect.poll(() => audioTime(page), { timeout: 10_000 }).toBeGreaterThan(0.5);
    // Only the host page's own inline <style> is refused, as it should be; the player caused no violation.
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual(['style-src-elem']);
  });

  it('works from the keyboard alone, without hijacking typing', async () => {
    await openHostPage();
    await tabTo(page, (label) => label === 'comment');
    await page.keyboard.type(' kjl ');
    expect(await page.locator('#comment').inputValue()).toBe(' kjl ');
    expect(await isPlaying(page)).toBe(false);

    await tabTo(page, (label) => label === 'Play');
    await page.keyboard.press('Enter');
    await expect.poll(() => isPlaying(page)).toBe(true);
    expect(await focusedLabel(page)).toBe('Pause');
    await page.keyboard.press('k');
    expect(await isPlaying(page)).toBe(false);
    await page.keyboard.press('Space'); // the focused button's own activation
    expect(await isPlaying(page)).toBe(true);
    await page.keyboard.press('k');

    const start = await audioTime(page);
    await page.keyboard.press('l');
    expect(await audioTime(page)).toBeCloseTo(start + 30, 0);
    await page.keyboard.press('j');
    expect(await audioTime(page)).toBeCloseTo(start + 15, 0);
    await page.keyboard.press('ArrowRight');
    expect(await audioTime(page)).toBeCloseTo(start + 20, 0);
    await page.keyboard.press('ArrowLeft');
    expect(await audioTime(page)).toBeCloseTo(start + 15, 0);

    // The seek bar moves with its own arrow keys.
    await tabTo(page, (label) => label === 'Seek');
    const onSlider = await audioTime(page);
    await page.keyboard.press('ArrowRight');
    expect(await audioTime(page)).toBeCloseTo(onSlider + 1, 0);

    // Stories are buttons; the transcript is one tab stop with arrow keys between paragraphs.
    await tabTo(page, (label) => label.startsWith('3. Weather'));
    await page.keyboard.press('Enter');
    expect(await audioTime(page)).toBeCloseTo(20, 0);
    await page.keyboard.press('k');
    await tabTo(page, (label) => /^a\d-p\d$/.test(label));
    expect(await focusedLabel(page)).toBe('a3-p1');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedLabel(page)).toBe('a3-p3');
    await page.keyboard.press('Enter');
    await expect.poll(() => isPlaying(page)).toBe(true);
    expect(await audioTime(page)).toBeGreaterThanOrEqual(26.4);
    expect(await currentParagraph(page)).toBe('a3-p3');

    // Typing elsewhere on the page is left alone, even while the player is in use.
    await page.locator('#notes').focus();
    await page.keyboard.type('k j');
    await page.locator('#editor').focus();
    await page.keyboard.press('k');
    expect(await page.locator('#notes').inputValue()).toBe('k j');
    expect(await isPlaying(page)).toBe(true);

    // With nothing focused, k still pauses the player in use; space keeps scrolling the page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    expect(await isPlaying(page)).toBe(true);
    await page.keyboard.press('k');
    expect(await isPlaying(page)).toBe(false);
  });
});
