/**
 * Where each listener stopped, and the speed they chose, kept in localStorage. localStorage
 * throws in some sandboxed iframes and private modes; the player works without it.
 */

const PREFIX = 'audio-edition:';
export const RATE_KEY = `${PREFIX}rate`;

/** One saved position per episode, and one per story played on its own. */
export function positionKey(manifestUrl: string, articleId: string | null): string {
  return `${PREFIX}position:${manifestUrl}${articleId === null ? '' : `#${articleId}`}`;
}

export function readNumber(key: string): number | null {
  try {
    const stored = window.localStorage.getItem(key);
    const value = Number(stored);
    return stored !== null && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeValue(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage is full or unavailable.
  }
}

export function removeValue(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage is unavailable.
  }
}

/** Resume only from a real position: not the very start of the timeline, nor its last seconds. */
export function resumeTime(saved: number | null, start: number, end: number): number | null {
  return saved !== null && saved > start + 5 && saved < end - 10 ? saved : null;
}
