import type { Config } from '../config/schema.js';
import { escapeMarkup } from '../text/markup.js';
import { parseHttpUrl } from './urls.js';
import type { Manifest } from './manifest.js';

export interface ListenPageInput {
  manifest: Manifest;
  show: Config['show'];
  /** Absolute URLs as published under `show.baseUrl` (see `publicUrlsFor`): for subscribing and embedding. */
  feedUrl: string;
  playerUrl: string;
  manifestUrl: string;
  /** Transcript files beside the page, offered as downloads, e.g. `{ vtt: 'transcript.vtt' }`. */
  transcript?: { vtt?: string; srt?: string };
}

/** The code an editor pastes into an article page to embed this episode's player. */
export function embedSnippet(playerUrl: string, manifestUrl: string): string {
  return [
    `<script type="module" src="${escapeMarkup(playerUrl)}"></script>`,
    // The inline height reserves the player's space before the script arrives, so nothing jumps.
    `<audio-edition src="${escapeMarkup(manifestUrl)}" style="display:block;height:36rem"></audio-edition>`,
  ].join('\n');
}

/**
 * `<slug>/index.html`: the episode's listen page. It loads the player and manifest by relative
 * URL, so the folder works under any base URL; only the embed snippet and subscribe links are
 * absolute. Every piece of edition or config text is escaped.
 */
export function renderListenPage(input: ListenPageInput): string {
  const { manifest, show } = input;
  const title = `${manifest.title} — ${show.title}`;
  const description = manifest.description ?? show.description;
  const date = formatDate(manifest.date, show.language);
  const paragraphs = manifest.articles.reduce((count, article) => count + article.paragraphs.length, 0);
  const facts = [
    date,
    `${manifest.articles.length} ${manifest.articles.length === 1 ? 'story' : 'stories'}`,
    formatMinutes(manifest.audio.durationSeconds),
  ];
  const audioUrl = new URL(manifest.audio.url, input.manifestUrl).href;
  const image = safeUrl(show.image);
  const showLink = safeUrl(show.link);

  return `<!doctype html>
<html lang="${escapeMarkup(show.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeMarkup(title)}</title>
<meta name="description" content="${escapeMarkup(description)}">
<link rel="alternate" type="application/rss+xml" title="${escapeMarkup(show.title)}" href="${escapeMarkup(input.feedUrl)}">
<meta property="og:type" content="website">
<meta property="og:title" content="${escapeMarkup(title)}">
<meta property="og:description" content="${escapeMarkup(description)}">
<meta property="og:audio" content="${escapeMarkup(audioUrl)}">
<meta property="og:audio:type" content="audio/mpeg">
${image ? `<meta property="og:image" content="${escapeMarkup(image)}">\n` : ''}<style>${PAGE_STYLE}</style>
<script type="module" src="../player.js"></script>
</head>
<body>
<header class="masthead">
  <div class="wrap">
    ${showLink ? `<a class="brand" href="${escapeMarkup(showLink)}">${escapeMarkup(show.title)}</a>` : `<span class="brand">${escapeMarkup(show.title)}</span>`}
    <a class="pill" href="${escapeMarkup(input.feedUrl)}">Subscribe</a>
  </div>
</header>
<main class="wrap">
  <p class="eyebrow">${facts.filter(Boolean).map(escapeMarkup).join(' · ')}</p>
  <h1>${escapeMarkup(manifest.title)}</h1>
  ${description ? `<p class="lede">${escapeMarkup(description)}</p>` : ''}
  <audio-edition src="manifest.json"></audio-edition>
  <noscript><p><audio controls preload="none" src="${escapeMarkup(manifest.audio.url)}"></audio></p></noscript>

  <div class="cards">
    <section class="card" aria-labelledby="subscribe-heading">
      <h2 id="subscribe-heading">Subscribe</h2>
      <p>Get every edition in your podcast app.</p>
      <ul class="links">
${subscribeLinks(show, input.feedUrl)}
      </ul>
      <button type="button" class="button secondary" data-copy="feed-url">Copy feed URL</button>
      <input type="hidden" id="feed-url" value="${escapeMarkup(input.feedUrl)}">
    </section>
    <section class="card" aria-labelledby="embed-heading">
      <h2 id="embed-heading">Embed this episode</h2>
      <p>Paste this into any article page to add the player.</p>
      <label class="visually-hidden" for="embed-code">Embed code</label>
      <textarea id="embed-code" readonly rows="6" spellcheck="false">${escapeMarkup(embedSnippet(input.playerUrl, input.manifestUrl))}</textarea>
      <button type="button" class="button" data-copy="embed-code">Copy embed code</button>
      <p class="status" role="status" aria-live="polite"></p>
    </section>
  </div>

  <section class="read" aria-labelledby="transcript-heading">
    <h2 id="transcript-heading">Transcript</h2>
    <p class="hint">Select a paragraph to listen from there. ${paragraphs} paragraphs.${downloads(manifest, input.transcript)}</p>
${manifest.articles.map(renderArticle).join('\n')}
  </section>
</main>
<footer class="wrap">
  <p>${escapeMarkup(show.title)}${show.author ? ` · ${escapeMarkup(show.author)}` : ''}</p>
</footer>
<script type="module">${COPY_SCRIPT}</script>
</body>
</html>
`;
}

function renderArticle(article: Manifest['articles'][number]): string {
  const paragraphs = article.paragraphs
    .map((paragraph) => `      <p data-audio-edition-paragraph="${escapeMarkup(paragraph.id)}">${escapeMarkup(paragraph.text)}</p>`)
    .join('\n');
  return `    <article>\n      <h3>${escapeMarkup(article.title)}</h3>\n${storyAudio(article)}${paragraphs}\n    </article>`;
}

/** The story's own MP3, for readers who want just this story, when the build made one. */
function storyAudio(article: Manifest['articles'][number]): string {
  if (!article.audio) return '';
  const length = minutes(article.audio.durationSeconds);
  return `      <p class="story-audio"><a href="${escapeMarkup(article.audio.url)}" download>Download this story</a> (MP3${length ? `, ${length}` : ''})</p>\n`;
}

function subscribeLinks(show: Config['show'], feedUrl: string): string {
  const links: [string, string | undefined][] = [
    ['Apple Podcasts', safeUrl(show.appleUrl)],
    ['Spotify', safeUrl(show.spotifyUrl)],
    ['RSS feed', feedUrl],
  ];
  return links
    .filter((link): link is [string, string] => link[1] !== undefined)
    .map(([name, url]) => `        <li><a href="${escapeMarkup(url)}">${escapeMarkup(name)}</a></li>`)
    .join('\n');
}

function downloads(manifest: Manifest, transcript: ListenPageInput['transcript']): string {
  const links = [`<a href="${escapeMarkup(manifest.audio.url)}" download>MP3</a>`];
  if (transcript?.vtt) links.push(`<a href="${escapeMarkup(transcript.vtt)}" download>WebVTT</a>`);
  if (transcript?.srt) links.push(`<a href="${escapeMarkup(transcript.srt)}" download>SubRip</a>`);
  return ` Download: ${links.join(', ')}.`;
}

/** Only web links from the config become hrefs; anything else (say `javascript:`) is dropped. */
function safeUrl(value: string | undefined): string | undefined {
  return parseHttpUrl(value)?.href;
}

function formatDate(date: string, language: string): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  } catch {
    return date;
  }
}

function formatMinutes(seconds: number): string {
  return seconds > 0 ? `${minutes(seconds)} listen` : '';
}

function minutes(seconds: number): string {
  return seconds > 0 ? `${Math.max(1, Math.round(seconds / 60))} min` : '';
}

/** Copies a field's value for the copy buttons; falls back to selecting it where the clipboard API is missing. */
const COPY_SCRIPT = `
const status = document.querySelector('.status');
for (const button of document.querySelectorAll('[data-copy]')) {
  button.addEventListener('click', async () => {
    const field = document.getElementById(button.dataset.copy);
    let copied = false;
    try { await navigator.clipboard.writeText(field.value); copied = true; } catch {
      if (field.select) { field.select(); copied = document.execCommand('copy'); }
    }
    status.textContent = copied ? 'Copied to the clipboard.' : 'Select the text and copy it.';
  });
}
`;

const PAGE_STYLE = `
:root { --bg: #fafaf8; --fg: #17191e; --muted: #5b6270; --card: #fff; --border: #e2e4e9; --accent: #c8102e; --highlight: #fff1b8;
  --accent-fg: #fff; --word: #ffd23f; --word-fg: #17191e; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0f1115; --fg: #eceef2; --muted: #a3aab8; --card: #16181d; --border: #2d313a; --accent: #ff5a6e; --highlight: #4a3f12;
    --accent-fg: #0f1115; --word: #806400; --word-fg: #ffffff; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
a { color: var(--accent); }
.wrap { width: 100%; max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
.masthead { border-bottom: 1px solid var(--border); background: var(--card); }
.masthead .wrap { display: flex; align-items: center; justify-content: space-between; gap: 1rem; min-height: 3.5rem; }
.brand { font-weight: 800; color: var(--fg); text-decoration: none; letter-spacing: -.01em; overflow-wrap: anywhere; }
.pill { flex: none; padding: .375rem .875rem; border-radius: 999px; background: var(--accent); color: var(--accent-fg); font-size: .875rem;
  font-weight: 600; text-decoration: none; }
main.wrap { padding-top: 2rem; padding-bottom: 2rem; }
.eyebrow { margin: 0; color: var(--muted); font-size: .875rem; }
h1 { margin: .25rem 0 .5rem; font-size: clamp(1.75rem, 6vw, 2.5rem); line-height: 1.15; letter-spacing: -.02em; overflow-wrap: anywhere; }
.lede { margin: 0 0 1.5rem; color: var(--muted); font-size: 1.125rem; }
audio-edition { display: block; height: 36rem; margin: 1.5rem 0; --audio-edition-accent: var(--accent); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); gap: 1rem; margin: 2rem 0; }
.card { min-width: 0; padding: 1.25rem; border: 1px solid var(--border); border-radius: .875rem; background: var(--card); }
.card h2, .read h2 { margin: 0 0 .25rem; font-size: 1.125rem; }
.card p { margin: 0 0 .75rem; color: var(--muted); font-size: .9375rem; }
.links { display: flex; flex-wrap: wrap; gap: .5rem; margin: 0 0 .75rem; padding: 0; list-style: none; }
.links a { display: inline-block; padding: .375rem .75rem; border: 1px solid var(--border); border-radius: 999px; font-size: .875rem;
  font-weight: 600; text-decoration: none; }
textarea { display: block; width: 100%; margin: 0 0 .75rem; padding: .625rem; border: 1px solid var(--border); border-radius: .5rem;
  background: var(--bg); color: var(--fg); font: .8125rem/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; resize: vertical; }
.button { padding: .5rem 1rem; border: 0; border-radius: .5rem; background: var(--accent); color: var(--accent-fg); font: inherit; font-size: .875rem;
  font-weight: 600; cursor: pointer; }
.button.secondary { background: transparent; color: var(--accent); border: 1px solid var(--border); }
.status { min-height: 1.5rem; margin: .5rem 0 0; }
.read { margin-top: 2.5rem; }
.hint { margin: 0 0 1rem; color: var(--muted); font-size: .875rem; }
.read h3 { margin: 1.75rem 0 .5rem; font-size: 1.25rem; line-height: 1.3; overflow-wrap: anywhere; }
.read p[data-audio-edition-paragraph] { margin: 0 -.5rem .75rem; padding: .25rem .5rem; border-radius: .375rem; font-size: 1.0625rem;
  overflow-wrap: anywhere; transition: background-color .2s; }
.read p[data-audio-edition-paragraph]:hover { background: var(--card); }
.read p[data-audio-edition-paragraph][aria-current="true"] { background: var(--highlight); box-shadow: none; }
.read [data-current-word] { background: var(--word); color: var(--word-fg); border-radius: .2em; box-shadow: 0 0 0 .12em var(--word); }
.story-audio { margin: 0 0 .5rem; color: var(--muted); font-size: .875rem; }
footer.wrap { padding-bottom: 2rem; color: var(--muted); font-size: .875rem; border-top: 1px solid var(--border); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
`;
