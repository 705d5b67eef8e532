/**
 * Keyboard shortcuts: K, J, L, space and the arrow keys inside the player, and on the page once
 * the player is in use and nothing else has focus. Typing anywhere is never taken over.
 */
import { hostParagraphOf } from './host-page.js';
import { SKIP_BACK, SKIP_FORWARD } from './render.js';

const ARROW_STEP = 5;

export interface KeyControls {
  /** The `<audio-edition>` element. */
  readonly element: HTMLElement;
  /** Whether this is the player that last played, which owns the page-wide shortcuts. */
  ownsPage(): boolean;
  toggle(): void;
  skip(delta: number): void;
  playHostParagraph(host: Element, event: Event): void;
}

export function handleDocumentKey(controls: KeyControls, event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const path = event.composedPath();
  const target = path[0] instanceof Element ? path[0] : null;
  if (path.includes(controls.element)) {
    if (target && isTyping(target)) return;
  } else {
    // Page-wide shortcuts only once this player is in use and nothing else has focus;
    // space is left alone there so it still scrolls the article.
    if (!controls.ownsPage() || !pageIsIdle() || event.key === ' ') return;
    const host = hostParagraphOf(target);
    if (host && event.key === 'Enter') {
      controls.playHostParagraph(host, event);
      return;
    }
  }
  const tag = target?.tagName;
  const nativeSpace = tag === 'BUTTON' || tag === 'SELECT' || tag === 'P';
  const nativeArrows = tag === 'INPUT' || tag === 'SELECT';
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key === ' ' && nativeSpace) return;
  if ((key === 'ArrowLeft' || key === 'ArrowRight') && nativeArrows) return;
  const actions: Record<string, () => void> = {
    ' ': () => controls.toggle(),
    k: () => controls.toggle(),
    j: () => controls.skip(-SKIP_BACK),
    l: () => controls.skip(SKIP_FORWARD),
    ArrowLeft: () => controls.skip(-ARROW_STEP),
    ArrowRight: () => controls.skip(ARROW_STEP),
  };
  const action = actions[key];
  if (!action) return;
  action();
  event.preventDefault();
}

/** How far a key moves the focus between transcript paragraphs, or undefined for other keys. */
export function transcriptStep(key: string): number | undefined {
  return { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }[key];
}

function isTyping(target: Element): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !['range', 'button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}

function pageIsIdle(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || active === document.documentElement;
}
