/** The player's styles, and the host page's default highlights. */

export const STYLE = `
:host {
  --_bg: #ffffff; --_fg: #17191e; --_muted: #5b6270; --_border: #e2e4e9; --_surface: #f3f4f7;
  --_accent: #c8102e; --_accent-fg: #ffffff; --_highlight: #fff1b8; --_highlight-fg: inherit; --_word: #ffd23f; --_word-fg: #17191e;
  display: block; box-sizing: border-box; width: 100%; max-width: 100%; min-width: 0;
  height: var(--audio-edition-height, 36rem);
  color: var(--audio-edition-fg, var(--_fg));
  font: var(--audio-edition-font, 400 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif);
  text-align: start;
}
@media (prefers-color-scheme: dark) {
  :host {
    --_bg: #16181d; --_fg: #eceef2; --_muted: #a3aab8; --_border: #2d313a; --_surface: #20232a;
    --_accent: #ff5a6e; --_accent-fg: #16181d; --_highlight: #4a3f12; --_highlight-fg: #fff8dc; --_word: #806400; --_word-fg: #ffffff;
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
.word { border-radius: .2em; transition: background-color .12s, box-shadow .12s; }
.word[data-current-word] { background: var(--audio-edition-word, var(--_word)); color: var(--audio-edition-word-fg, var(--_word-fg));
  box-shadow: 0 0 0 .12em var(--audio-edition-word, var(--_word)); }
@media (prefers-reduced-motion: reduce) { .paragraph, .word { transition: none; } }
`;

/** Highlights for marked paragraphs on the host page; `:where()` keeps them easy to override. */
export const HOST_PAGE_STYLE = `
:where([data-audio-edition-paragraph]) { cursor: pointer; }
:where([data-audio-edition-paragraph][aria-current="true"]) {
  background-color: rgba(255, 196, 0, .28); box-shadow: 0 0 0 .25em rgba(255, 196, 0, .28); border-radius: .125em;
}
:where([data-audio-edition-paragraph] [data-current-word]) { background-color: rgba(255, 196, 0, .75); border-radius: .125em; }
`;

const sheets = new Map<string, CSSStyleSheet>();

/**
 * Constructed style sheets are not inline styles, so a host page whose Content-Security-Policy
 * forbids 'unsafe-inline' styles still gets a styled player; older browsers get a <style>.
 */
export function adoptStyle(root: ShadowRoot | Document, css: string): void {
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
