import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, serveOutput } from '../src/commands/serve.js';
import type { TranscriptSegment } from '../src/publish/manifest.js';
import { audioTime, collectPageErrors, isPlaying, launchChromium } from './helpers/player-browser.js';
import { type EpisodeFixture, fixtureTranscript, makeEpisodeFixture, SLUG } from './helpers/player-fixture.js';

interface Mark {
  paragraph: string | null;
  word: number;
  text: string | null;
}

/** The word carrying data-current-word in the player's transcript and on the page: its paragraph, index and text. */
function currentWords(page: Page): Promise<{ player: Mark[]; page: Mark[] }> {
  return page.evaluate(() => {
    const describe = (element: Element, paragraph: Element | null, words: Element[]): Mark => ({
      paragraph: paragraph?.getAttribute('data-paragraph-id') ?? paragraph?.getAttribute('data-audio-edition-paragraph') ?? null,
      word: words.indexOf(element),
      text: element.textContent,
    });
    const root = document.querySelector('audio-edition')!.shadowRoot!;
    return {
      player: [...root.querySelectorAll('[data-current-word]')].map((element) => {
        const paragraph = element.closest('[data-paragraph-id]');
        return describe(element, paragraph, paragraph ? [...paragraph.querySelectorAll('.word')] : []);
      }),
      page: [...document.querySelectorAll('[data-current-word]')].map((element) => {
        const paragraph = element.closest('[data-audio-edition-paragraph]');
        return describe(element, paragraph, paragraph ? [...paragraph.querySelectorAll('span')] : []);
      }),
    };
  });
}

/** Seeks the player's audio, paused, and waits until the seek has landed. */
function seekAudio(page: Page, time: number): Promise<void> {
  return page.evaluate(
    (to) =>
      new Promise<void>((resolve) => {
        const audio = document.querySelector('audio-edition')!.shadowRoot!.querySelector('audio')!;
        audio.addEventListener('seeked', () => resolve(), { once: true });
        audio.currentTime = to;
      }),
    time,
  );
}

describe('the word mark (Chromium)', () => {
  let fixture: EpisodeFixture;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let segments: TranscriptSegment[];

  const segment = (paragraph: string, word: number): TranscriptSegment =>
    segments.find((candidate) => candidate.paragraph === paragraph && candidate.word === word)!;

  beforeAll(async () => {
    fixture = await makeEpisodeFixture();
    segments = fixtureTranscript(fixture.manifest).segments;
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

  async function openListenPage(options: { reducedMotion?: 'reduce' } = {}): Promise<void> {
    page = await browser.newPage({ viewport: { width: 1000, height: 900 }, reducedMotion: options.reducedMotion ?? 'no-preference' });
    errors = collectPageErrors(page);
    await page.goto(`${server.url}${SLUG}/`);
    await page.locator('[data-paragraph-id="a1-p1"] .word').first().waitFor();
  }

  it('marks the word being read at three times, in the transcript and on the page', async () => {
    await openListenPage();
    expect(await currentWords(page)).toEqual({ player: [], page: [] });
    for (const [paragraph, word] of [
      ['a1-p1', 0],
      ['a2-p3', 12],
      ['a3-p2', 25],
    ] as const) {
      const expected = segment(paragraph, word);
      // Just after the word starts, well before the next one.
      await seekAudio(page, expected.startTime + 0.01);
      const mark = { paragraph, word, text: expected.body };
      expect(await currentWords(page)).toEqual({ player: [mark], page: [mark] });
    }
    // Between stories, nothing is marked.
    await seekAudio(page, 19.8);
    expect(await currentWords(page)).toEqual({ player: [], page: [] });
  });

  it('follows the voice between timeupdate events while playing', async () => {
    await openListenPage();
    const counts = await page.evaluate(async () => {
      const root = document.querySelector('audio-edition')!.shadowRoot!;
      const audio = root.querySelector('audio')!;
      const marked = new Set<Element>();
      let timeupdates = 0;
      audio.addEventListener('timeupdate', () => (timeupdates += 1));
      new MutationObserver((records) => {
        for (const record of records)
          if ((record.target as Element).hasAttribute('data-current-word')) marked.add(record.target as Element);
      }).observe(root, { subtree: true, attributes: true, attributeFilter: ['data-current-word'] });
      audio.currentTime = 0.6;
      await audio.play();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      audio.pause();
      return { words: marked.size, timeupdates };
    });
    // The fixture's words last 74 ms: marking only on timeupdate would skip most of them.
    expect(counts.words).toBeGreaterThan(counts.timeupdates + 2);
  });

  it('plays from a word when it is clicked, in the transcript or on the page', async () => {
    await openListenPage();
    const inPlayer = segment('a1-p3', 7);
    await page.locator('[data-paragraph-id="a1-p3"] .word').nth(7).click();
    await expect.poll(() => isPlaying(page)).toBe(true);
    expect(await audioTime(page)).toBeGreaterThanOrEqual(inPlayer.startTime - 0.03);
    expect(await audioTime(page)).toBeLessThan(inPlayer.startTime + 1);
    await page.getByRole('button', { name: 'Pause' }).click();

    const onPage = segment('a3-p1', 20);
    await page.locator('article [data-audio-edition-paragraph="a3-p1"] span').nth(20).click();
    await expect.poll(() => isPlaying(page)).toBe(true);
    expect(await audioTime(page)).toBeGreaterThanOrEqual(onPage.startTime - 0.03);
    expect(await audioTime(page)).toBeLessThan(onPage.startTime + 1);
    // The page's paragraph still reads as it did: only spans were added around its words.
    expect(await page.locator('article [data-audio-edition-paragraph="a3-p1"]').textContent()).toBe(
      fixture.manifest.articles[2]!.paragraphs[0]!.text,
    );
  });

  it('is visual only: nothing announces it, and reduced motion has no transition', async () => {
    await openListenPage({ reducedMotion: 'reduce' });
    await seekAudio(page, segment('a1-p2', 3).startTime + 0.01);
    const word = page.locator('[data-paragraph-id="a1-p2"] [data-current-word]');
    expect(await word.evaluate((element) => getComputedStyle(element).transitionDuration)).toBe('0s');
    const live = await page.evaluate(
      () =>
        [document.querySelector('audio-edition')!.shadowRoot!, document].flatMap((root) =>
          [...root.querySelectorAll('[data-current-word]')].filter((element) =>
            element.closest('[aria-live], [role="alert"], [role="status"], [role="log"], [role="marquee"], [role="timer"]'),
          ),
        ).length,
    );
    expect(live).toBe(0);
    await page.close();

    await openListenPage();
    await seekAudio(page, segment('a1-p2', 3).startTime + 0.01);
    const animated = page.locator('[data-paragraph-id="a1-p2"] [data-current-word]');
    expect(await animated.evaluate((element) => getComputedStyle(element).transitionDuration)).not.toBe('0s');
  });

  it('marks words of a story played from its own MP3 at manifest times minus the story’s start', async () => {
    page = await browser.newPage();
    errors = collectPageErrors(page);
    await page.route(`${server.url}story.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><script type="module" src="/player.js"></script><audio-edition src="/${SLUG}/manifest.json" article="a2"></audio-edition>`,
      }),
    );
    await page.goto(`${server.url}story.html`);
    await page.locator('[data-paragraph-id="a2-p2"] .word').first().waitFor();
    const expected = segment('a2-p2', 5);
    await seekAudio(page, expected.startTime - 10 + 0.01);
    expect((await currentWords(page)).player).toEqual([{ paragraph: 'a2-p2', word: 5, text: expected.body }]);
  });

  it('loads transcript.json only once the player is on screen, and does without it', async () => {
    page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    errors = collectPageErrors(page);
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.route(`${server.url}below.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><script type="module" src="/player.js"></script><div style="height:3000px"></div>
<audio-edition src="/${SLUG}/manifest.json"></audio-edition>`,
      }),
    );
    await page.route('**/transcript.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
    await page.goto(`${server.url}below.html`);
    await page.locator('[data-paragraph-id="a1-p1"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    expect(requested).not.toContain(`/${SLUG}/transcript.json`);

    await page.locator('audio-edition').scrollIntoViewIfNeeded();
    await expect.poll(() => requested.includes(`/${SLUG}/transcript.json`)).toBe(true);
    // Missing, it changes nothing visible: no message, no word spans, paragraphs still marked.
    await page.waitForTimeout(300);
    expect(await page.getByRole('alert').isVisible()).toBe(false);
    expect(await page.locator('.word').count()).toBe(0);
    await seekAudio(page, 3.6);
    expect(await page.locator('[data-paragraph-id="a1-p2"]').getAttribute('aria-current')).toBe('true');
    expect(await page.locator('[data-current-word]').count()).toBe(0);
  });
});
