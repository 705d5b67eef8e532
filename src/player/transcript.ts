/**
 * The transcript and story list as the audio plays: the paragraph being read (in the player and
 * on the host page), the word being read inside it, keeping it in view, and playing from a click.
 */
import type { ManifestArticle } from '../publish/manifest.js';
import { findHostWords, hasSelection, markHostParagraph } from './host-page.js';
import { transcriptStep } from './keyboard.js';
import { renderArticles, type Shell } from './render.js';
import { articleAt, type Entry, entryAt } from './state.js';
import { CURRENT_WORD, spanWords, wordAt, wordIndex } from './words.js';

/** After the listener scrolls the transcript, leave it alone for a while. */
const USER_SCROLL_GRACE_MS = 4000;

export class Transcript {
  entries: Entry[] = [];
  readonly byId = new Map<string, Entry>();
  currentArticleId: string | null = null;
  private articles: ManifestArticle[] = [];
  private buttons = new Map<string, HTMLButtonElement>();
  private current: Entry | null = null;
  private hostWords = new Map<string, HTMLElement[][][]>();
  private marked: HTMLElement[] = [];
  private markedKey = '';
  private userScrolledAt = 0;

  constructor(
    private readonly ui: Shell,
    private readonly playFrom: (time: number) => void,
    private readonly onArticleChange: () => void,
  ) {
    ui.transcript.addEventListener('click', (event) => {
      const entry = this.entryOf(event.target as Element);
      if (entry && !hasSelection()) this.playFrom(this.timeOf(entry, event.target as Element));
    });
    ui.transcript.addEventListener('keydown', (event) => this.onKeyDown(event));
    for (const type of ['wheel', 'touchmove'] as const) {
      ui.transcript.addEventListener(type, () => (this.userScrolledAt = Date.now()), { passive: true });
    }
  }

  clear(): void {
    this.markWord(null, -1);
    this.entries = [];
    this.byId.clear();
    this.buttons.clear();
    this.hostWords.clear();
    this.current = null;
    this.currentArticleId = null;
    this.ui.articles.replaceChildren();
    this.ui.transcript.replaceChildren();
  }

  /** Shows the timeline's stories and paragraphs; times on the story buttons count from `start`. */
  show(articles: ManifestArticle[], start: number): void {
    this.articles = articles;
    const { entries, buttons } = renderArticles(this.ui, articles, start, this.playFrom);
    this.entries = entries;
    this.buttons = buttons;
    for (const entry of entries) this.byId.set(entry.paragraph.id, entry);
  }

  /** Splits every paragraph that has word times into word spans, here and on the host page. */
  addWords(starts: Map<string, number[]>, offset: number): void {
    for (const entry of this.entries) {
      const times = starts.get(entry.paragraph.id);
      if (!times?.length) continue;
      entry.starts = times.map((time) => time - offset);
      entry.words = spanWords(entry.element, entry.paragraph.text);
    }
    this.hostWords = findHostWords(this.byId);
  }

  /** The paragraph (and word) being read at `time`, and the story it belongs to. */
  highlight(time: number, focusInside: boolean): void {
    const article = articleAt(this.articles, time);
    const entry = entryAt(this.entries, article, time);
    this.highlightArticle(article?.id ?? null);
    if (entry !== this.current) {
      this.current?.element.removeAttribute('aria-current');
      // ::part() cannot be combined with [aria-current], so the current paragraph gets its own part name.
      this.current?.element.setAttribute('part', 'paragraph');
      this.current = entry;
      // The transcript's one tab stop follows the reading (or the story's first paragraph between
      // paragraphs), but never moves away from under a keyboard user working in the transcript.
      if (!focusInside) {
        const stop = entry ?? this.entries.find((other) => other.article === article) ?? this.entries[0];
        for (const other of this.entries) other.element.tabIndex = other === stop ? 0 : -1;
      }
      if (entry) {
        entry.element.setAttribute('aria-current', 'true');
        entry.element.setAttribute('part', 'paragraph current-paragraph');
        this.reveal(entry.element);
      }
      markHostParagraph(this.byId, entry?.paragraph.id ?? null);
    }
    this.markWord(entry, entry ? wordAt(entry.starts, time, entry.paragraph.end) : -1);
  }

  /** Where a click on the host page's copy of a paragraph plays from: the word clicked, else the paragraph. */
  hostTime(host: Element, target: Element, id: string): number | null {
    const entry = this.byId.get(id);
    return entry ? this.timeOf(entry, host.contains(target) ? target : host) : null;
  }

  /** Lets the reading move the transcript again, as after a seek. */
  follow(): void {
    this.userScrolledAt = 0;
  }

  private timeOf(entry: Entry, target: Element): number {
    const index = wordIndex.get(target);
    return (index !== undefined ? entry.starts[index] : undefined) ?? entry.paragraph.start;
  }

  private entryOf(target: Element): Entry | undefined {
    const element = target.closest('[data-paragraph-id]');
    return element ? this.byId.get(element.getAttribute('data-paragraph-id') ?? '') : undefined;
  }

  /** Marks word `index` of the entry, in the transcript and in the host page's copies; -1 marks none. */
  private markWord(entry: Entry | null, index: number): void {
    const key = entry && index >= 0 ? `${entry.paragraph.id} ${index}` : '';
    if (key === this.markedKey) return;
    this.markedKey = key;
    for (const element of this.marked) toggleMark(element, false);
    this.marked = [];
    if (!entry || index < 0) return;
    const own = entry.words[index];
    if (own) this.marked.push(own);
    for (const copy of this.hostWords.get(entry.paragraph.id) ?? []) this.marked.push(...(copy[index] ?? []));
    for (const element of this.marked) toggleMark(element, true);
  }

  private highlightArticle(articleId: string | null): void {
    if (articleId === this.currentArticleId) return;
    const previous = this.currentArticleId ? this.buttons.get(this.currentArticleId) : undefined;
    previous?.removeAttribute('aria-current');
    previous?.setAttribute('part', 'article');
    this.currentArticleId = articleId;
    const next = articleId ? this.buttons.get(articleId) : undefined;
    next?.setAttribute('aria-current', 'true');
    next?.setAttribute('part', 'article current-article');
    this.onArticleChange();
  }

  /** Scrolls the transcript's own box, never the page, unless the listener is reading elsewhere in it. */
  private reveal(element: HTMLElement): void {
    const box = this.ui.transcript;
    if (Date.now() - this.userScrolledAt < USER_SCROLL_GRACE_MS) return;
    const top = element.offsetTop;
    const bottom = top + element.offsetHeight;
    if (top >= box.scrollTop && bottom <= box.scrollTop + box.clientHeight) return;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    box.scrollTo({ top: Math.max(0, top - box.clientHeight / 4), behavior: smooth ? 'smooth' : 'auto' });
  }

  private onKeyDown(event: KeyboardEvent): void {
    const element = (event.target as Element).closest('[data-paragraph-id]');
    const index = this.entries.findIndex((entry) => entry.element === element);
    if (index < 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    const step = transcriptStep(event.key);
    if (step !== undefined) {
      event.preventDefault();
      const next = this.entries[Math.min(this.entries.length - 1, Math.max(0, index + step))];
      if (next) this.focusEntry(next);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const entry = this.entries[index];
      if (entry) this.playFrom(entry.paragraph.start);
    }
  }

  private focusEntry(entry: Entry): void {
    for (const other of this.entries) other.element.tabIndex = other === entry ? 0 : -1;
    entry.element.focus({ preventScroll: true });
    this.userScrolledAt = 0;
    this.reveal(entry.element);
    this.userScrolledAt = Date.now();
  }
}

/** The mark is an attribute only: nothing is announced, so screen readers are not interrupted word by word. */
function toggleMark(element: HTMLElement, on: boolean): void {
  element.toggleAttribute(CURRENT_WORD, on);
  if (element.hasAttribute('part')) element.setAttribute('part', on ? 'word current-word' : 'word');
}
