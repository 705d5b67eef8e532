/** The player's DOM: its fixed shell, and the story list and transcript of a timeline. */
import type { ManifestArticle } from '../publish/manifest.js';
import { formatClock } from './format.js';
import type { Entry } from './state.js';

export const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2];
export const SKIP_BACK = 15;
export const SKIP_FORWARD = 30;
const SVG_NS = 'http://www.w3.org/2000/svg';

const ICON_PLAY = 'M8 5.5v13a1 1 0 0 0 1.5.86l10.3-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5z';
const ICON_PAUSE = 'M7 5h3.5v14H7zM13.5 5H17v14h-3.5z';
const ICON_BACK = 'M12 5V1L7 6l5 5V7c3.31 0 6 2.69 6 6s-2.69 6-6 6-6-2.69-6-6H4c0 4.42 3.58 8 8 8s8-3.58 8-8-3.58-8-8-8z';
const ICON_FORWARD = 'M12 5V1l5 5-5 5V7c-3.31 0-6 2.69-6 6s2.69 6 6 6 6-2.69 6-6h2c0 4.42-3.58 8-8 8s-8-3.58-8-8 3.58-8 8-8z';

export type Shell = ReturnType<typeof buildShell>;

/** Builds the player's fixed structure; every box has its final size before the manifest arrives. */
export function buildShell() {
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
  const kicker = h('p', { class: 'kicker', part: 'kicker' });
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
    h('div', { class: 'head', part: 'header' }, kicker, title, meta),
    h('div', { class: 'controls', part: 'controls' }, back, play, forward, speed),
    h('div', { class: 'seek-row', part: 'seek-row' }, elapsed, seek, remaining),
    h('div', { class: 'panel' }, articles, transcript, message),
    audio,
  );
  return {
    root,
    audio,
    kicker,
    play,
    playIcon,
    back,
    forward,
    speed,
    seek,
    elapsed,
    remaining,
    title,
    meta,
    articles,
    transcript,
    message,
  };
}

export function h<K extends keyof HTMLElementTagNameMap>(
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

/**
 * Fills the story list and the transcript. Times on the story buttons count from `start`, the
 * beginning of the timeline; a single story is listed without a number.
 */
export function renderArticles(
  ui: Shell,
  articles: ManifestArticle[],
  start: number,
  onPick: (time: number) => void,
): {
  entries: Entry[];
  buttons: Map<string, HTMLButtonElement>;
} {
  const entries: Entry[] = [];
  const buttons = new Map<string, HTMLButtonElement>();
  articles.forEach((article, index) => {
    const button = h('button', { type: 'button', class: 'article', part: 'article' });
    button.append(
      h('span', { class: 'label' }, articles.length > 1 ? `${index + 1}. ${article.title}` : article.title),
      h('span', { class: 'at', 'aria-hidden': 'true' }, formatClock(article.start - start)),
    );
    button.addEventListener('click', () => onPick(article.start));
    buttons.set(article.id, button);
    ui.articles.append(h('li', {}, button));

    ui.transcript.append(h('h3', { part: 'article-title' }, article.title));
    for (const paragraph of article.paragraphs) {
      const element = h('p', { class: 'paragraph', part: 'paragraph', 'data-paragraph-id': paragraph.id, tabindex: '-1' });
      element.textContent = paragraph.text;
      entries.push({ paragraph, article, element, words: [], starts: [] });
      ui.transcript.append(element);
    }
  });
  entries.sort((a, b) => a.paragraph.start - b.paragraph.start);
  const first = entries[0];
  if (first) first.element.tabIndex = 0;
  return { entries, buttons };
}

export function showPlaying(ui: Shell, playing: boolean): void {
  ui.play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
  ui.playIcon.setAttribute('d', playing ? ICON_PAUSE : ICON_PLAY);
}

/** The seek bar and clocks at `elapsed` of `duration` seconds. */
export function showTimes(ui: Shell, elapsed: number, duration: number): void {
  const { seek } = ui;
  const total = Math.max(duration, 0);
  const at = Math.max(0, Math.min(elapsed, total));
  seek.max = String(total);
  seek.value = String(at);
  seek.style.setProperty('--progress', `${total > 0 ? (at / total) * 100 : 0}%`);
  seek.setAttribute('aria-valuetext', `${formatClock(at)} of ${formatClock(total)}`);
  ui.elapsed.textContent = formatClock(at);
  ui.remaining.textContent = `-${formatClock(total - at)}`;
}

export function enableControls(ui: Shell, enabled: boolean): void {
  for (const control of [ui.play, ui.back, ui.forward, ui.seek, ui.speed]) control.disabled = !enabled;
}

/** Shows a message in place of the transcript; with nothing loaded, the controls stay off. */
export function showMessage(ui: Shell, headline: string, detail: string, empty: boolean): void {
  ui.root.setAttribute('aria-busy', 'false');
  if (empty) {
    ui.title.textContent = 'Listen to this edition';
    enableControls(ui, false);
  }
  ui.message.replaceChildren(h('strong', {}, headline), h('span', {}, detail));
  ui.message.hidden = false;
}

export function showLoading(ui: Shell, kicker: string): void {
  ui.root.setAttribute('aria-busy', 'true');
  ui.kicker.textContent = kicker;
  ui.title.textContent = 'Loading…';
  ui.meta.textContent = '';
  ui.message.hidden = true;
  enableControls(ui, false);
}

export function showHeader(ui: Shell, title: string, meta: string): void {
  ui.root.setAttribute('aria-busy', 'false');
  ui.root.setAttribute('aria-label', `Audio: ${title}`);
  // Named after what it transcribes, so it is not confused with a page's own "Transcript" section.
  ui.transcript.setAttribute('aria-label', `Transcript: ${title}`);
  ui.title.textContent = title;
  ui.meta.textContent = meta;
  enableControls(ui, true);
}
