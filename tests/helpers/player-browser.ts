import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless; audio may start without a gesture so tests can press play programmatically too. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
      '--mute-audio',
    ],
  });
}

/** The current time of the player's own <audio> element. */
export function audioTime(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('audio-edition')!.shadowRoot!.querySelector('audio')!.currentTime);
}

/** The id of the transcript paragraph marked as being read, or null. */
export function currentParagraph(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      document
        .querySelector('audio-edition')!
        .shadowRoot!.querySelector('[data-paragraph-id][aria-current="true"]')
        ?.getAttribute('data-paragraph-id') ?? null,
  );
}

/** Collects uncaught page errors so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
