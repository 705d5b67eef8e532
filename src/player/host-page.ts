/**
 * The host page's own copy of the text: elements marked `data-audio-edition-paragraph="<id>"`
 * are highlighted with the player's transcript, word marks included, and play when clicked.
 */
import type { Entry } from './state.js';
import { adoptStyle, HOST_PAGE_STYLE } from './style.js';
import { countWords, wrapHostWords } from './words.js';

const PARAGRAPH = 'data-audio-edition-paragraph';

let styled = false;

export function styleHostPage(): void {
  if (styled) return;
  styled = true;
  adoptStyle(document, HOST_PAGE_STYLE);
}

/**
 * The marked host paragraph a click should play from, or null. Links and controls inside a
 * marked paragraph keep working, and selecting text is not a click to play.
 */
export function clickedHostParagraph(event: MouseEvent): Element | null {
  const target = event.target;
  if (event.defaultPrevented || event.button !== 0 || !(target instanceof Element)) return null;
  const host = hostParagraphOf(target);
  if (!host || target.closest('a, button, input, textarea, select, label, [contenteditable]') || hasSelection()) return null;
  return host;
}

/** The marked host paragraph an event happened in, or null. */
export function hostParagraphOf(target: Element | null): Element | null {
  return target?.closest(`[${PARAGRAPH}]`) ?? null;
}

export function hostParagraphId(element: Element): string {
  return element.getAttribute(PARAGRAPH) ?? '';
}

/** Marks the host page's copy of the paragraph being read; ids are compared, never put in a selector. */
export function markHostParagraph(entries: Map<string, Entry>, paragraphId: string | null): void {
  for (const element of document.querySelectorAll(`[${PARAGRAPH}]`)) {
    const id = hostParagraphId(element);
    if (!entries.has(id)) continue;
    if (id === paragraphId) element.setAttribute('aria-current', 'true');
    else if (element.getAttribute('aria-current') === 'true') element.removeAttribute('aria-current');
  }
}

/**
 * The host page's copies of the player's paragraphs, word by word (paragraph id → copies → word
 * → spans). A copy whose words differ in number from the manifest's text gets no word marks:
 * they would land on the wrong words.
 */
export function findHostWords(entries: Map<string, Entry>): Map<string, HTMLElement[][][]> {
  const found = new Map<string, HTMLElement[][][]>();
  for (const element of document.querySelectorAll(`[${PARAGRAPH}]`)) {
    const entry = entries.get(hostParagraphId(element));
    if (!entry?.starts.length || countWords(element.textContent ?? '') !== countWords(entry.paragraph.text)) continue;
    const copies = found.get(entry.paragraph.id) ?? [];
    copies.push(wrapHostWords(element));
    found.set(entry.paragraph.id, copies);
  }
  return found;
}

export function hasSelection(): boolean {
  const selection = window.getSelection();
  return !!selection && selection.type === 'Range' && selection.toString().trim() !== '';
}
