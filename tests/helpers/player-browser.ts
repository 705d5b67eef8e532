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

/** Whether the player's audio is playing. */
export function isPlaying(page: Page): Promise<boolean> {
  return page.evaluate(() => !document.querySelector('audio-edition')!.shadowRoot!.querySelector('audio')!.paused);
}

/** Describes the focused element, looking through open shadow roots: its accessible label, paragraph id or tag. */
export function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let element: Element | null = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element || element === document.body) return null;
    return (
      element.getAttribute('aria-label') ??
      element.getAttribute('data-paragraph-id') ??
      (element.tagName === 'BUTTON' ? element.textContent : null) ??
      element.id ??
      element.tagName
    );
  });
}

/** Presses Tab until the focused element matches, as a keyboard-only reader would. */
export async function tabTo(page: Page, matches: (label: string) => boolean, limit = 30): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const label = await focusedLabel(page);
    if (label !== null && matches(label)) return;
  }
  throw new Error(`Tab never reached the wanted element (last: ${await focusedLabel(page)})`);
}
