/**
 * Word marks: when each word starts (from `transcript.json`), the word spans, and which word is
 * being read. Words are the paragraph's text split on white space, the index transcript.json
 * uses. Text reaches the DOM only as text nodes.
 */
import type { TranscriptJson } from '../publish/manifest.js';

/** Word starts land a few milliseconds early after a seek; words are rarely closer than this. */
const WORD_TOLERANCE = 0.03;

/** The attribute on the element holding the word being read, in the transcript and on the host page. */
export const CURRENT_WORD = 'data-current-word';

/** Each word span's index in its paragraph, so a click on one can play from it. */
export const wordIndex = new WeakMap<Element, number>();

/** Word start times by paragraph id, in episode seconds; null when there is no usable transcript.json. */
export async function fetchWordStarts(url: string): Promise<Map<string, number[]> | null> {
  try {
    const response = await fetch(url, { mode: 'cors', credentials: 'omit' });
    if (!response.ok) return null;
    const data = (await response.json()) as Partial<TranscriptJson> | null;
    const starts = new Map<string, number[]>();
    for (const segment of Array.isArray(data?.segments) ? data.segments : []) {
      const { paragraph, word, startTime } = segment ?? {};
      if (typeof paragraph !== 'string' || !Number.isInteger(word) || typeof startTime !== 'number') continue;
      const list = starts.get(paragraph) ?? [];
      list[word as number] = startTime;
      starts.set(paragraph, list);
    }
    return starts;
  } catch {
    // No transcript, or not one the player can read: the paragraphs are still marked.
    return null;
  }
}

/** Runs `load` once the observed element is on screen and `load` finds something to load; again after `reset`. */
export class OnScreen {
  private visible = false;
  private loaded = false;
  private readonly observer = new IntersectionObserver((records) => {
    this.visible = records.some((record) => record.isIntersecting);
    this.check();
  });

  constructor(private readonly load: () => boolean) {}

  observe(element: Element): void {
    this.observer.observe(element);
  }

  disconnect(): void {
    this.observer.disconnect();
  }

  reset(): void {
    this.loaded = false;
  }

  check(): void {
    if (this.visible && !this.loaded) this.loaded = this.load();
  }
}

/** Replaces an element's text with one span per word, keeping the white space between them as text. */
export function spanWords(element: HTMLElement, text: string): HTMLElement[] {
  const words: HTMLElement[] = [];
  const parts = text
    .split(/(\s+)/)
    .filter(Boolean)
    .map((token) => {
      if (/^\s/.test(token)) return token;
      const span = document.createElement('span');
      span.className = 'word';
      span.setAttribute('part', 'word');
      span.textContent = token;
      wordIndex.set(span, words.length);
      words.push(span);
      return span;
    });
  element.replaceChildren(...parts);
  return words;
}

const wrapped = new WeakMap<Element, HTMLElement[][]>();

/**
 * Wraps the words of a host page's paragraph in spans, text node by text node, so its links and
 * markup stay as they are. A word that markup splits ("<b>re</b>read") is one word in several
 * spans. Each paragraph is wrapped once, however many times the player loads.
 */
export function wrapHostWords(root: Element): HTMLElement[][] {
  const known = wrapped.get(root);
  if (known) return known;
  const words: HTMLElement[][] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  let inWord = false;
  for (const node of nodes) {
    const parts = node.data
      .split(/(\s+)/)
      .filter(Boolean)
      .map((token) => {
        if (/^\s/.test(token)) {
          inWord = false;
          return token;
        }
        if (!inWord) words.push([]);
        inWord = true;
        const span = document.createElement('span');
        span.textContent = token;
        wordIndex.set(span, words.length - 1);
        words[words.length - 1]!.push(span);
        return span;
      });
    node.replaceWith(...parts);
  }
  wrapped.set(root, words);
  return words;
}

/** The index of the word being read at `time`, or -1 before the first word and after the paragraph. */
export function wordAt(starts: number[], time: number, paragraphEnd: number): number {
  if (time > paragraphEnd) return -1;
  let found = -1;
  for (let i = 0; i < starts.length; i += 1) {
    const start = starts[i];
    if (start !== undefined && start - WORD_TOLERANCE <= time) found = i;
  }
  return found;
}

/** Counts the words as transcript.json does: the text split on white space. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
