/**
 * The "Listen to Today's Edition" player: `<audio-edition src="…/manifest.json">`.
 *
 * This file is published on its own as `output/player.js` and embedded on other sites, so it
 * stays one self-contained module: no imports, no framework. Manifest text only ever reaches
 * the DOM through text nodes (`textContent`, `append(string)`), never as markup.
 */

export {};

interface Paragraph {
  id: string;
  text: string;
  start: number;
  end: number;
}

interface Article {
  id: string;
  title: string;
  start: number;
  end: number;
  paragraphs: Paragraph[];
}

interface Manifest {
  slug: string;
  title: string;
  date: string;
  show?: { title?: string; author?: string; image?: string };
  audio: { url: string; durationSeconds: number };
  articles: Article[];
}

/** A paragraph with what the player needs to find and show it quickly. */
interface Entry {
  paragraph: Paragraph;
  article: Article;
  element: HTMLElement;
}

const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
const SKIP_BACK = 15;
const SKIP_FORWARD = 30;
const ARROW_STEP = 5;
/** Seeking lands on MP3 frame boundaries, a few milliseconds early; don't show the previous paragraph. */
const START_TOLERANCE = 0.1;
/** After the listener scrolls the transcript, leave it alone for a while. */
const USER_SCROLL_GRACE_MS = 4000;
const STORAGE_PREFIX = 'audio-edition:';
const SVG_NS = 'http://www.w3.org/2000/svg';

const ICON_PLAY = 'M8 5.5v13a1 1 0 0 0 1.5.86l10.3-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5z';
const ICON_PAUSE = 'M7 5h3.5v14H7zM13.5 5H17v14h-3.5z';
const ICON_BACK = 'M12 5V1L7 6l5 5V7c3.31 0 6 2.69 6 6s-2.69 6-6 6-6-2.69-6-6H4c0 4.42 3.58 8 8 8s8-3.58 8-8-3.58-8-8-8z';
const ICON_FORWARD = 'M12 5V1l5 5-5 5V7c-3.31 0-6 2.69-6 6s2.69 6 6 6 6-2.69 6-6h2c0 4.42-3.58 8-8 8s-8-3.58-8-8 3.58-8 8-8z';

const STYLE = `
:host {
  --_bg: #ffffff; --_fg: #17191e; --_muted: #5b6270; --_border: #e2e4e9; --_surface: #f3f4f7;
  --_accent: #c8102e; --_accent-fg: #ffffff; --_highlight: #fff1b8; --_highlight-fg: inherit;
  display: block; box-sizing: border-box; width: 100%; max-width: 100%; min-width: 0;
  height: var(--audio-edition-height, 36rem);
  color: var(--audio-edition-fg, var(--_fg));
  font: var(--audio-edition-font, 400 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif);
  text-align: start;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_bg: #16181d; --_fg: #eceef2; --_muted: #a3aab8; --_border: #2d313a; --_surface: #20232a;
    --_accent: #ff5a6e; --_accent-fg: #16181d; --_highlight: #4a3f12; --_highlight-fg: #fff8dc;
  }
}
:host([hidden]) { display: none; }
*, *::before, *::after { box-sizing: border-box; }
.player {
  display: flex; flex-direction: column; gap: .75rem; height: 100%; min-width: 0; overflow: hidden;
  padding: 1rem; background: var(--audio-edition-bg, var(--_bg));
  border: 1px solid var(--audio-edition-border, var(--_border));
  border-radius: var(--audio-edition-radius, .875rem);
  container-type: inline-size;
}
/* The header keeps room for a two-line title, so a short one leaves space below, not a gap mid-header. */
.head { flex: none; min-width: 0; height: 5.45rem; }
.kicker { margin: 0; height: 1.25rem; font-size: .75rem; line-height: 1.25rem; font-weight: 700;
  letter-spacing: .08em; text-transform: uppercase; color: var(--audio-edition-accent, var(--_accent)); }
.title { margin: .125rem 0 0; font-size: 1.125rem; line-height: 1.35rem; max-height: 2.7rem; font-weight: 700;
  overflow: hidden; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow-wrap: anywhere; }
.meta { margin: .125rem 0 0; height: 1.25rem; font-size: .8125rem; line-height: 1.25rem;
  color: var(--audio-edition-muted, var(--_muted)); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.controls { flex: none; display: flex; align-items: center; gap: .5rem; height: 3.5rem; }
button, select { font: inherit; color: inherit; }
button { cursor: pointer; -webkit-tap-highlight-color: transparent; }
button:disabled, select:disabled, input:disabled { cursor: default; opacity: .45; }
.play { flex: none; display: grid; place-items: center; width: 3.5rem; height: 3.5rem; padding: 0; border: 0; border-radius: 50%;
  background: var(--audio-edition-accent, var(--_accent)); color: var(--audio-edition-accent-fg, var(--_accent-fg)); }
.play svg { width: 1.75rem; height: 1.75rem; fill: currentColor; }
.skip { position: relative; flex: none; display: grid; place-items: center; width: 2.75rem; height: 2.75rem; padding: 0;
  border: 0; border-radius: 50%; background: transparent; }
.skip:hover, .speed:hover { background: var(--audio-edition-surface, var(--_surface)); }
.skip svg { width: 2rem; height: 2rem; fill: currentColor; }
.skip span { position: absolute; inset: 0; display: grid; place-items: center; padding-top: .3rem; font-size: .5625rem; font-weight: 700; }
.speed { flex: none; margin-inline-start: auto; height: 2.25rem; padding: 0 .625rem; border-radius: 1.125rem; cursor: pointer;
  border: 1px solid var(--audio-edition-border, var(--_border)); background: transparent; font-size: .875rem; font-weight: 600;
  font-variant-numeric: tabular-nums; -webkit-appearance: none; appearance: none; text-align: center; }
.speed option { color: #17191e; background: #fff; }
.seek-row { flex: none; display: grid; grid-template-columns: auto minmax(0, 1fr) auto; align-items: center; gap: .5rem; height: 2.75rem; }
.time { min-width: 2.75rem; font-size: .8125rem; font-variant-numeric: tabular-nums; color: var(--audio-edition-muted, var(--_muted)); }
.remaining { text-align: end; }
.seek { --progress: 0%; width: 100%; min-width: 0; height: 2.75rem; margin: 0; background: transparent; cursor: pointer;
  -webkit-appearance: none; appearance: none; touch-action: none; }
.seek::-webkit-slider-runnable-track { height: .375rem; border-radius: .1875rem;
  background: linear-gradient(to right, var(--audio-edition-accent, var(--_accent)) var(--progress), var(--audio-edition-border, var(--_border)) var(--progress)); }
.seek::-webkit-slider-thumb { -webkit-appearance: none; width: 1rem; height: 1rem; margin-top: -.3125rem; border: 0; border-radius: 50%;
  background: var(--audio-edition-accent, var(--_accent)); }
.seek::-moz-range-track { height: .375rem; border-radius: .1875rem; background: var(--audio-edition-border, var(--_border)); }
.seek::-moz-range-progress { height: .375rem; border-radius: .1875rem; background: var(--audio-edition-accent, var(--_accent)); }
.seek::-moz-range-thumb { width: 1rem; height: 1rem; border: 0; border-radius: 50%; background: var(--audio-edition-accent, var(--_accent)); }
.panel { position: relative; flex: 1 1 auto; min-height: 8rem; display: flex; flex-direction: column; gap: .5rem; }
.articles { flex: none; height: 6.25rem; margin: 0; padding: 0 0 .25rem; list-style: none; overflow-y: auto; overscroll-behavior: contain;
  border-bottom: 1px solid var(--audio-edition-border, var(--_border)); }
.article { display: flex; align-items: baseline; gap: .5rem; width: 100%; min-height: 2rem; padding: .25rem .375rem; border: 0;
  border-radius: .375rem; background: transparent; text-align: start; font-size: .875rem; line-height: 1.3; }
.article:hover { background: var(--audio-edition-surface, var(--_surface)); }
.article[aria-current="true"] { font-weight: 700; color: var(--audio-edition-accent, var(--_accent)); }
.article .label { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.article .at { flex: none; font-size: .75rem; font-variant-numeric: tabular-nums; color: var(--audio-edition-muted, var(--_muted)); }
.transcript { position: relative; flex: 1 1 auto; min-height: 0; overflow-y: auto; overscroll-behavior: contain;
  padding: 0 .25rem 0 0; font-size: .9375rem; line-height: 1.55; }
.transcript h3 { margin: .75rem .5rem .25rem; font-size: .8125rem; letter-spacing: .04em; text-transform: uppercase;
  color: var(--audio-edition-muted, var(--_muted)); overflow-wrap: anywhere; }
.transcript h3:first-child { margin-top: .25rem; }
.paragraph { margin: 0 0 .25rem; padding: .25rem .5rem; border-radius: .375rem; cursor: pointer; overflow-wrap: anywhere;
  transition: background-color .2s; }
.paragraph:hover { background: var(--audio-edition-surface, var(--_surface)); }
.paragraph[aria-current="true"] { background: var(--audio-edition-highlight, var(--_highlight)); color: var(--audio-edition-highlight-fg, var(--_highlight-fg)); }
.message { position: absolute; inset: 0; display: flex; flex-direction: column; justify-content: center; gap: .25rem; margin: 0;
  padding: 1rem; border-radius: .5rem; background: var(--audio-edition-surface, var(--_surface)); text-align: center; }
.message[hidden] { display: none; }
.message strong { font-size: 1rem; }
.message span { font-size: .8125rem; color: var(--audio-edition-muted, var(--_muted)); overflow-wrap: anywhere; }
:focus-visible { outline: 2px solid var(--audio-edition-accent, var(--_accent)); outline-offset: 2px; }
.paragraph:focus-visible, .article:focus-visible { outline-offset: -2px; }
@container (max-width: 22rem) {
  .controls { gap: .25rem; }
  .time { min-width: 2.5rem; font-size: .75rem; }
}
@media (prefers-reduced-motion: reduce) { .paragraph { transition: none; } }
`;

/** Highlights for marked paragraphs on the host page; `:where()` keeps them easy to override. */
const HOST_PAGE_STYLE = `
:where([data-audio-edition-paragraph]) { cursor: pointer; }
:where([data-audio-edition-paragraph][aria-current="true"]) {
  background-color: rgba(255, 196, 0, .28); box-shadow: 0 0 0 .25em rgba(255, 196, 0, .28); border-radius: .125em;
}
`;

const players = new Set<AudioEditionElement>();
/** The player that last started playing; page-wide shortcuts and the lock screen belong to it. */
let activePlayer: AudioEditionElement | null = null;

class AudioEditionElement extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['src'];
  }

  private readonly audio: HTMLAudioElement;
  private readonly ui: ReturnType<typeof buildShell>;
  private manifest: Manifest | null = null;
  private manifestUrl: URL | null = null;
  private entries: Entry[] = [];
  private entryById = new Map<string, Entry>();
  private articleButtons = new Map<string, HTMLButtonElement>();
  private current: Entry | null = null;
  private currentArticleId: string | null = null;
  private loading: AbortController | null = null;
  private scrubbing = false;
  private userScrolledAt = 0;
  private savedAt = -Infinity;
  private pendingResume: number | null = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.ui = buildShell();
    this.audio = this.ui.audio;
    adoptStyle(root, STYLE);
    root.append(this.ui.root);
    this.wireControls();
    this.wireAudio();
  }

  connectedCallback(): void {
    players.add(this);
    injectHostPageStyle();
    document.addEventListener('keydown', this.onDocumentKeyDown);
    document.addEventListener('click', this.onDocumentClick);
    window.addEventListener('pagehide', this.onPageHide);
    if (!this.manifest && !this.loading) void this.load();
  }

  disconnectedCallback(): void {
    players.delete(this);
    if (activePlayer === this) activePlayer = null;
    document.removeEventListener('keydown', this.onDocumentKeyDown);
    document.removeEventListener('click', this.onDocumentClick);
    window.removeEventListener('pagehide', this.onPageHide);
    this.savePosition(true);
    // A detached <audio> keeps playing; a removed player should fall silent.
    this.audio.pause();
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    if (name === 'src' && oldValue !== newValue && this.isConnected) void this.load();
  }

  /** Fetches the manifest, renders the episode, and points the audio element at it. */
  private async load(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.reset();
    const src = this.getAttribute('src');
    if (!src) {
      this.showMessage('No episode to play.', 'The player needs a src attribute pointing to an episode’s manifest.json.');
      return;
    }
    let manifest: Manifest;
    let manifestUrl: URL;
    try {
      manifestUrl = new URL(src, document.baseURI);
      const response = await fetch(manifestUrl.href, { mode: 'cors', credentials: 'omit', signal: controller.signal });
      if (!response.ok) throw new Error(`${manifestUrl.href} answered HTTP ${response.status}`);
      manifest = readManifest(await response.json());
    } catch (error) {
      if (controller.signal.aborted) return;
      this.showMessage('This episode could not be loaded.', describeLoadError(error, src));
      return;
    } finally {
      if (this.loading === controller) this.loading = null;
    }
    if (controller.signal.aborted) return;
    this.manifest = manifest;
    this.manifestUrl = manifestUrl;
    this.render(manifest);
    this.pendingResume = readNumber(this.positionKey());
    this.audio.src = new URL(manifest.audio.url, manifestUrl).href;
    this.applyRate(readNumber(`${STORAGE_PREFIX}rate`) ?? 1);
    this.update();
  }

  private reset(): void {
    const { ui } = this;
    this.manifest = null;
    this.entries = [];
    this.entryById.clear();
    this.articleButtons.clear();
    this.current = null;
    this.currentArticleId = null;
    this.audio.pause();
    if (this.audio.hasAttribute('src')) {
      // Release the previous episode's connection and buffer before loading another.
      this.audio.removeAttribute('src');
      this.audio.load();
    }
    ui.root.setAttribute('aria-busy', 'true');
    ui.title.textContent = 'Loading…';
    ui.meta.textContent = '';
    ui.articles.replaceChildren();
    ui.transcript.replaceChildren();
    ui.message.hidden = true;
    this.setControlsEnabled(false);
    this.setTimes(0, 0);
  }

  private render(manifest: Manifest): void {
    const { ui } = this;
    ui.root.setAttribute('aria-busy', 'false');
    ui.root.setAttribute('aria-label', `Audio: ${manifest.title}`);
    ui.title.textContent = manifest.title;
    const showName = manifest.show?.title;
    ui.meta.textContent = [showName, formatDate(manifest.date), formatDuration(manifest.audio.durationSeconds)].filter(Boolean).join(' · ');

    manifest.articles.forEach((article, index) => {
      const button = h('button', { type: 'button', class: 'article', part: 'article' });
      button.append(
        h('span', { class: 'label' }, `${index + 1}. ${article.title}`),
        h('span', { class: 'at', 'aria-hidden': 'true' }, formatClock(article.start)),
      );
      button.addEventListener('click', () => this.playFrom(article.start));
      this.articleButtons.set(article.id, button);
      ui.articles.append(h('li', {}, button));

      ui.transcript.append(h('h3', { part: 'article-title' }, article.title));
      for (const paragraph of article.paragraphs) {
        const element = h('p', { class: 'paragraph', part: 'paragraph', 'data-paragraph-id': paragraph.id, tabindex: '-1' });
        element.textContent = paragraph.text;
        const entry: Entry = { paragraph, article, element };
        this.entries.push(entry);
        this.entryById.set(paragraph.id, entry);
        ui.transcript.append(element);
      }
    });
    this.entries.sort((a, b) => a.paragraph.start - b.paragraph.start);
    const first = this.entries[0];
    if (first) first.element.tabIndex = 0;
    this.setControlsEnabled(true);
    this.setTimes(0, manifest.audio.durationSeconds);
  }

  private wireControls(): void {
    const { ui, audio } = this;
    ui.play.addEventListener('click', () => this.toggle());
    ui.back.addEventListener('click', () => this.skip(-SKIP_BACK));
    ui.forward.addEventListener('click', () => this.skip(SKIP_FORWARD));
    ui.speed.addEventListener('change', () => {
      const rate = Number(ui.speed.value);
      this.applyRate(rate);
      writeValue(`${STORAGE_PREFIX}rate`, String(rate));
    });

    // While the thumb is held, the bar follows the finger, not the audio.
    ui.seek.addEventListener('pointerdown', () => (this.scrubbing = true));
    const endScrub = (): void => {
      this.scrubbing = false;
    };
    ui.seek.addEventListener('pointerup', endScrub);
    ui.seek.addEventListener('pointercancel', endScrub);
    ui.seek.addEventListener('input', () => {
      const seconds = Number(ui.seek.value);
      audio.currentTime = seconds;
      this.setTimes(seconds, this.duration());
      this.update();
    });

    ui.transcript.addEventListener('click', (event) => {
      const element = (event.target as Element).closest('[data-paragraph-id]');
      const entry = element ? this.entryById.get(element.getAttribute('data-paragraph-id') ?? '') : undefined;
      if (entry && !hasSelection()) this.playFrom(entry.paragraph.start);
    });
    ui.transcript.addEventListener('keydown', (event) => this.onTranscriptKeyDown(event));
    for (const type of ['wheel', 'touchmove'] as const) {
      ui.transcript.addEventListener(type, () => (this.userScrolledAt = Date.now()), { passive: true });
    }
  }

  private wireAudio(): void {
    const { audio } = this;
    audio.addEventListener('play', () => {
      this.claimPage();
      this.setPlaying(true);
    });
    audio.addEventListener('pause', () => {
      this.setPlaying(false);
      this.savePosition(true);
    });
    audio.addEventListener('ended', () => {
      this.setPlaying(false);
      removeValue(this.positionKey());
    });
    audio.addEventListener('loadedmetadata', () => {
      const resume = this.pendingResume;
      this.pendingResume = null;
      // Resume only from a real position, not from the very start or the last seconds.
      if (resume !== null && resume > 5 && resume < this.duration() - 10) audio.currentTime = resume;
      this.update();
    });
    for (const type of ['timeupdate', 'seeked', 'durationchange'] as const) {
      audio.addEventListener(type, () => this.update());
    }
    audio.addEventListener('ratechange', () => {
      this.ui.speed.value = String(audio.playbackRate);
      this.updatePositionState();
    });
    audio.addEventListener('error', () => {
      if (!audio.getAttribute('src')) return;
      this.setPlaying(false);
      this.showMessage('The audio could not be played.', describeMediaError(audio.error, audio.currentSrc || audio.src));
    });
  }

  /** Brings time, seek bar, highlights and the saved position in line with the audio. */
  private update(): void {
    const time = this.audio.currentTime;
    if (!this.scrubbing) this.setTimes(time, this.duration());
    this.highlight(time);
    this.savePosition(false);
  }

  /** The paragraph being read at `time`: none during intros and story titles, the last one during pauses. */
  private entryAt(time: number): Entry | null {
    const article = this.articleAt(time);
    let found: Entry | null = null;
    for (const entry of this.entries) {
      if (entry.paragraph.start - START_TOLERANCE > time) break;
      found = entry;
    }
    return found && found.article === article ? found : null;
  }

  private articleAt(time: number): Article | null {
    let found: Article | null = null;
    for (const article of this.manifest?.articles ?? []) if (article.start - START_TOLERANCE <= time) found = article;
    return found;
  }

  private highlight(time: number): void {
    const entry = this.entryAt(time);
    const article = this.articleAt(time);
    this.highlightArticle(article?.id ?? null);
    if (entry === this.current) return;
    this.current?.element.removeAttribute('aria-current');
    // ::part() cannot be combined with [aria-current], so the current paragraph gets its own part name.
    this.current?.element.setAttribute('part', 'paragraph');
    this.current = entry;
    // The transcript's one tab stop follows the reading (or the story's first paragraph between
    // paragraphs), but never moves away from under a keyboard user working in the transcript.
    if (!this.ui.transcript.contains(this.shadowRoot?.activeElement ?? null)) {
      const stop = entry ?? this.entries.find((other) => other.article === article) ?? this.entries[0];
      for (const other of this.entries) other.element.tabIndex = other === stop ? 0 : -1;
    }
    if (entry) {
      entry.element.setAttribute('aria-current', 'true');
      entry.element.setAttribute('part', 'paragraph current-paragraph');
      this.reveal(entry.element);
    }
    this.highlightHostPage(entry?.paragraph.id ?? null);
  }

  private highlightArticle(articleId: string | null): void {
    if (articleId === this.currentArticleId) return;
    const previous = this.currentArticleId ? this.articleButtons.get(this.currentArticleId) : undefined;
    previous?.removeAttribute('aria-current');
    previous?.setAttribute('part', 'article');
    this.currentArticleId = articleId;
    const next = articleId ? this.articleButtons.get(articleId) : undefined;
    next?.setAttribute('aria-current', 'true');
    next?.setAttribute('part', 'article current-article');
    if (activePlayer === this) this.updateMediaMetadata();
  }

  /** Marks the host page's copy of the paragraph being read; ids are compared, never put in a selector. */
  private highlightHostPage(paragraphId: string | null): void {
    for (const element of document.querySelectorAll('[data-audio-edition-paragraph]')) {
      const id = element.getAttribute('data-audio-edition-paragraph') ?? '';
      if (!this.entryById.has(id)) continue;
      if (id === paragraphId) element.setAttribute('aria-current', 'true');
      else if (element.getAttribute('aria-current') === 'true') element.removeAttribute('aria-current');
    }
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

  private onTranscriptKeyDown(event: KeyboardEvent): void {
    const element = (event.target as Element).closest('[data-paragraph-id]');
    const index = this.entries.findIndex((entry) => entry.element === element);
    if (index < 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    const step = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }[event.key];
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

  private readonly onDocumentKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || !this.manifest) return;
    const path = event.composedPath();
    const target = path[0] instanceof Element ? path[0] : null;
    const inPlayer = path.includes(this);
    if (inPlayer) {
      if (target && isTyping(target)) return;
    } else {
      // Page-wide shortcuts only once this player is in use and nothing else has focus;
      // space is left alone there so it still scrolls the article.
      if (activePlayer !== this || !pageIsIdle() || event.key === ' ') return;
      const host = target?.closest('[data-audio-edition-paragraph]');
      if (host && event.key === 'Enter') {
        this.playHostParagraph(host, event);
        return;
      }
    }
    const tag = target?.tagName;
    const nativeSpace = tag === 'BUTTON' || tag === 'SELECT' || tag === 'P';
    const nativeArrows = tag === 'INPUT' || tag === 'SELECT';
    let handled = true;
    switch (event.key) {
      case ' ':
        if (nativeSpace) return;
        this.toggle();
        break;
      case 'k':
      case 'K':
        this.toggle();
        break;
      case 'j':
      case 'J':
        this.skip(-SKIP_BACK);
        break;
      case 'l':
      case 'L':
        this.skip(SKIP_FORWARD);
        break;
      case 'ArrowLeft':
        if (nativeArrows) return;
        this.skip(-ARROW_STEP);
        break;
      case 'ArrowRight':
        if (nativeArrows) return;
        this.skip(ARROW_STEP);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  private readonly onDocumentClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || !(event.target instanceof Element)) return;
    const host = event.target.closest('[data-audio-edition-paragraph]');
    // Links and controls inside a marked paragraph keep working; selecting text is not a click to play.
    if (!host || event.target.closest('a, button, input, textarea, select, label, [contenteditable]') || hasSelection()) return;
    this.playHostParagraph(host, event);
  };

  private playHostParagraph(host: Element, event: Event): void {
    const entry = this.entryById.get(host.getAttribute('data-audio-edition-paragraph') ?? '');
    if (!entry) return;
    event.preventDefault();
    this.playFrom(entry.paragraph.start);
  }

  private readonly onPageHide = (): void => this.savePosition(true);

  private toggle(): void {
    if (this.audio.paused) this.play();
    else this.audio.pause();
  }

  private play(): void {
    if (!this.manifest) return;
    this.audio.play().catch((error: unknown) => {
      // The browser refusing autoplay is not an error worth a message; the button still works.
      if (error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError')) return;
      this.showMessage('The audio could not be played.', error instanceof Error ? error.message : String(error));
    });
  }

  private playFrom(seconds: number): void {
    this.seekTo(seconds);
    this.play();
  }

  private seekTo(seconds: number): void {
    const clamped = Math.max(0, Math.min(seconds, this.duration() || seconds));
    this.pendingResume = null;
    this.audio.currentTime = clamped;
    this.userScrolledAt = 0;
    this.setTimes(clamped, this.duration());
    this.highlight(clamped);
    this.updatePositionState();
  }

  private skip(delta: number): void {
    this.seekTo(this.audio.currentTime + delta);
  }

  private jumpArticle(direction: 1 | -1): void {
    const articles = this.manifest?.articles ?? [];
    const index = articles.findIndex((article) => article.id === this.currentArticleId);
    // "Previous" restarts the current story unless it has only just begun, like a music player.
    const current = articles[index];
    const restart = direction < 0 && current && this.audio.currentTime - current.start > 3;
    const target = restart ? current : articles[Math.max(0, Math.min(articles.length - 1, index + direction))];
    if (target) this.playFrom(target.start);
  }

  private applyRate(rate: number): void {
    const valid = SPEEDS.includes(rate) ? rate : 1;
    // A new src resets playbackRate to defaultPlaybackRate, so set both.
    this.audio.defaultPlaybackRate = valid;
    this.audio.playbackRate = valid;
    this.ui.speed.value = String(valid);
  }

  private duration(): number {
    const real = this.audio.duration;
    return Number.isFinite(real) && real > 0 ? real : (this.manifest?.audio.durationSeconds ?? 0);
  }

  private setPlaying(playing: boolean): void {
    this.ui.play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    this.ui.playIcon.setAttribute('d', playing ? ICON_PAUSE : ICON_PLAY);
    this.updatePositionState();
    if (activePlayer === this && 'mediaSession' in navigator) {
      navigator.mediaSession.playbackState = playing ? 'playing' : 'paused';
    }
  }

  private setTimes(elapsed: number, duration: number): void {
    const { seek } = this.ui;
    const total = Math.max(duration, 0);
    const at = Math.max(0, Math.min(elapsed, total));
    seek.max = String(total);
    seek.value = String(at);
    seek.style.setProperty('--progress', `${total > 0 ? (at / total) * 100 : 0}%`);
    seek.setAttribute('aria-valuetext', `${formatClock(at)} of ${formatClock(total)}`);
    this.ui.elapsed.textContent = formatClock(at);
    this.ui.remaining.textContent = `-${formatClock(total - at)}`;
  }

  private setControlsEnabled(enabled: boolean): void {
    for (const control of [this.ui.play, this.ui.back, this.ui.forward, this.ui.seek, this.ui.speed]) control.disabled = !enabled;
  }

  private showMessage(headline: string, detail: string): void {
    const { ui } = this;
    ui.root.setAttribute('aria-busy', 'false');
    if (!this.manifest) ui.title.textContent = 'Listen to this edition';
    ui.message.replaceChildren(h('strong', {}, headline), h('span', {}, detail));
    ui.message.hidden = false;
    if (!this.manifest) this.setControlsEnabled(false);
  }

  /** Makes this the player that owns page-wide shortcuts and the lock screen, and quiets the others. */
  private claimPage(): void {
    activePlayer = this;
    for (const other of players) if (other !== this) other.audio.pause();
    if (!('mediaSession' in navigator)) return;
    const session = navigator.mediaSession;
    const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
      ['play', () => this.play()],
      ['pause', () => this.audio.pause()],
      ['stop', () => this.audio.pause()],
      ['seekbackward', (details) => this.skip(-(details.seekOffset ?? SKIP_BACK))],
      ['seekforward', (details) => this.skip(details.seekOffset ?? SKIP_FORWARD)],
      ['seekto', (details) => details.seekTime !== undefined && this.seekTo(details.seekTime)],
      ['previoustrack', () => this.jumpArticle(-1)],
      ['nexttrack', () => this.jumpArticle(1)],
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // Browsers differ in which actions they know; the rest still work.
      }
    }
    this.updateMediaMetadata();
  }

  private updateMediaMetadata(): void {
    const manifest = this.manifest;
    if (!manifest || !('mediaSession' in navigator) || typeof MediaMetadata === 'undefined') return;
    const article = manifest.articles.find((candidate) => candidate.id === this.currentArticleId);
    const image = manifest.show?.image;
    try {
      navigator.mediaSession.metadata = new MediaMetadata({
        title: article?.title ?? manifest.title,
        artist: manifest.show?.author ?? manifest.show?.title ?? '',
        album: article ? manifest.title : (manifest.show?.title ?? ''),
        artwork: image && this.manifestUrl ? [{ src: new URL(image, this.manifestUrl).href }] : [],
      });
    } catch {
      // An unusable artwork URL should not stop playback.
    }
  }

  private updatePositionState(): void {
    const duration = this.audio.duration;
    if (activePlayer !== this || !('mediaSession' in navigator) || !Number.isFinite(duration) || duration <= 0) return;
    try {
      navigator.mediaSession.setPositionState({
        duration,
        playbackRate: this.audio.playbackRate,
        position: Math.min(this.audio.currentTime, duration),
      });
    } catch {
      // Not all browsers implement position state.
    }
  }

  private positionKey(): string {
    return `${STORAGE_PREFIX}position:${this.manifestUrl?.href ?? ''}`;
  }

  /** Remembers where the listener is, at most every few seconds unless asked to now. */
  private savePosition(now: boolean): void {
    if (!this.manifest || this.pendingResume !== null) return;
    const time = this.audio.currentTime;
    if (!now && Math.abs(time - this.savedAt) < 5) return;
    this.savedAt = time;
    if (time > 0 && !this.audio.ended) writeValue(this.positionKey(), time.toFixed(1));
  }
}

/** Builds the player's fixed structure; every box has its final size before the manifest arrives. */
function buildShell() {
  const playIcon = document.createElementNS(SVG_NS, 'path');
  playIcon.setAttribute('d', ICON_PLAY);
  const play = h('button', { type: 'button', class: 'play', part: 'button play-button', 'aria-label': 'Play' }, svg(playIcon));
  const back = h('button', { type: 'button', class: 'skip', part: 'button skip-back', 'aria-label': `Back ${SKIP_BACK} seconds` });
  back.append(svg(pathOf(ICON_BACK)), h('span', { 'aria-hidden': 'true' }, String(SKIP_BACK)));
  const forward = h('button', {
    type: 'button',
    class: 'skip',
    part: 'button skip-forward',
    'aria-label': `Forward ${SKIP_FORWARD} seconds`,
  });
  forward.append(svg(pathOf(ICON_FORWARD)), h('span', { 'aria-hidden': 'true' }, String(SKIP_FORWARD)));
  const speed = h('select', { class: 'speed', part: 'speed', 'aria-label': 'Playback speed' });
  for (const rate of SPEEDS) speed.append(h('option', { value: String(rate) }, `${rate}×`));
  speed.value = '1';
  const seek = h('input', { type: 'range', class: 'seek', part: 'seek', 'aria-label': 'Seek', min: '0', max: '0', step: '1', value: '0' });
  const elapsed = h('span', { class: 'time elapsed', part: 'time elapsed', 'aria-hidden': 'true' }, '0:00');
  const remaining = h('span', { class: 'time remaining', part: 'time remaining', 'aria-hidden': 'true' }, '-0:00');
  const title = h('h2', { class: 'title', part: 'title' });
  const meta = h('p', { class: 'meta', part: 'meta' });
  const articles = h('ol', { class: 'articles', part: 'articles', 'aria-label': 'Stories' });
  const transcript = h('div', { class: 'transcript', part: 'transcript', role: 'region', 'aria-label': 'Transcript' });
  const message = h('div', { class: 'message', part: 'message', role: 'alert' });
  message.hidden = true;
  const audio = h('audio', { preload: 'metadata' });
  const root = h(
    'section',
    { class: 'player', part: 'player', 'aria-busy': 'true' },
    h('div', { class: 'head', part: 'header' }, h('p', { class: 'kicker', part: 'kicker' }, 'Listen to Today’s Edition'), title, meta),
    h('div', { class: 'controls', part: 'controls' }, back, play, forward, speed),
    h('div', { class: 'seek-row', part: 'seek-row' }, elapsed, seek, remaining),
    h('div', { class: 'panel' }, articles, transcript, message),
    audio,
  );
  return { root, audio, play, playIcon, back, forward, speed, seek, elapsed, remaining, title, meta, articles, transcript, message };
}

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  // append() turns strings into text nodes, so nothing here is ever parsed as markup.
  element.append(...children);
  return element;
}

function pathOf(d: string): SVGPathElement {
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  return path;
}

function svg(path: SVGPathElement): SVGSVGElement {
  const element = document.createElementNS(SVG_NS, 'svg');
  element.setAttribute('viewBox', '0 0 24 24');
  element.setAttribute('aria-hidden', 'true');
  element.setAttribute('focusable', 'false');
  element.append(path);
  return element;
}

/** Checks the shape the player relies on, so a wrong file gets a message instead of a broken player. */
function readManifest(data: unknown): Manifest {
  const value = data as Partial<Manifest> | null;
  if (!value || typeof value !== 'object' || !value.audio || typeof value.audio.url !== 'string' || !Array.isArray(value.articles)) {
    throw new Error('the file is not an audio-edition manifest');
  }
  const articles: Article[] = value.articles.map((article, index) => ({
    id: String(article?.id ?? `a${index + 1}`),
    title: String(article?.title ?? ''),
    start: Number(article?.start) || 0,
    end: Number(article?.end) || 0,
    paragraphs: (Array.isArray(article?.paragraphs) ? article.paragraphs : []).map((paragraph, p) => ({
      id: String(paragraph?.id ?? `a${index + 1}-p${p + 1}`),
      text: String(paragraph?.text ?? ''),
      start: Number(paragraph?.start) || 0,
      end: Number(paragraph?.end) || 0,
    })),
  }));
  return {
    slug: String(value.slug ?? ''),
    title: String(value.title ?? ''),
    date: String(value.date ?? ''),
    show: value.show && typeof value.show === 'object' ? value.show : undefined,
    audio: { url: value.audio.url, durationSeconds: Number(value.audio.durationSeconds) || 0 },
    articles,
  };
}

function describeLoadError(error: unknown, src: string): string {
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return `${src} could not be fetched: the server is unreachable or does not send CORS headers (Access-Control-Allow-Origin).`;
  }
  if (error instanceof SyntaxError) return `${src} is not valid JSON.`;
  return error instanceof Error ? error.message : String(error);
}

function describeMediaError(error: MediaError | null, src: string): string {
  switch (error?.code) {
    case MediaError.MEDIA_ERR_NETWORK:
      return `The connection broke while loading ${src}.`;
    case MediaError.MEDIA_ERR_DECODE:
      return `${src} is damaged or not an MP3.`;
    case MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED:
      return `${src} is missing or cannot be played by this browser.`;
    default:
      return `Loading ${src} failed.`;
  }
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

function hasSelection(): boolean {
  const selection = window.getSelection();
  return !!selection && selection.type === 'Range' && selection.toString().trim() !== '';
}

function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function formatDuration(seconds: number): string {
  if (!(seconds > 0)) return '';
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} min`;
}

function formatDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
  } catch {
    return date;
  }
}

let hostPageStyled = false;

function injectHostPageStyle(): void {
  if (hostPageStyled) return;
  hostPageStyled = true;
  adoptStyle(document, HOST_PAGE_STYLE);
}

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Constructed style sheets are not inline styles, so a host page whose Content-Security-Policy
 * forbids 'unsafe-inline' styles still gets a styled player; older browsers get a <style>.
 */
function adoptStyle(root: ShadowRoot | Document, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  if (root instanceof Document) root.head.prepend(style);
  else root.prepend(style);
}

// localStorage throws in some sandboxed iframes and private modes; the player works without it.
function readNumber(key: string): number | null {
  try {
    const value = Number(window.localStorage.getItem(key));
    return window.localStorage.getItem(key) !== null && Number.isFinite(value) ? value : null;
  } catch {
    return null;
  }
}

function writeValue(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage is full or unavailable.
  }
}

function removeValue(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage is unavailable.
  }
}

if (!customElements.get('audio-edition')) customElements.define('audio-edition', AudioEditionElement);
