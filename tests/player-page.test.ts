import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../src/engines/index.js';
import type { Config } from '../src/config/schema.js';
import { embedSnippet, renderListenPage } from '../src/publish/page.js';
import { publicUrlsFor } from '../src/publish/urls.js';
import { playerSource, writePlayer } from '../src/publish/player.js';
import { compilePlayer, fixtureManifest, SLUG, XSS_TEXT } from './helpers/player-fixture.js';

const repo = path.resolve(import.meta.dirname, '..');

function showWith(overrides: Partial<Config['show']> = {}): Config['show'] {
  return { ...configSchema.parse({}).show, baseUrl: 'https://cdn.example.com/audio/', ...overrides };
}

function render(show = showWith()): string {
  return renderListenPage({
    manifest: fixtureManifest(),
    show,
    ...publicUrlsFor(show.baseUrl, SLUG),
    transcript: { vtt: 'transcript.vtt', srt: 'transcript.srt' },
  });
}

describe('renderListenPage', () => {
  it('loads the player and manifest by relative URL so the folder works under any base URL', () => {
    const html = render();
    expect(html).toContain('<script type="module" src="../player.js"></script>');
    expect(html).toContain('<audio-edition src="manifest.json">');
  });

  it('offers an embed snippet with absolute URLs under show.baseUrl', () => {
    const html = render();
    expect(html).toContain('&lt;script type=&quot;module&quot; src=&quot;https://cdn.example.com/audio/player.js&quot;&gt;&lt;/script&gt;');
    expect(html).toContain(`src=&quot;https://cdn.example.com/audio/${SLUG}/manifest.json&quot;`);
    expect(html).toMatch(/<button[^>]*data-copy="embed-code"[^>]*>Copy embed code<\/button>/);
  });

  it('links the feed always and Apple Podcasts and Spotify only when configured', () => {
    const plain = render();
    expect(plain).toContain('href="https://cdn.example.com/audio/feed.xml"');
    expect(plain).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(plain).not.toContain('Apple Podcasts');
    expect(plain).not.toContain('Spotify');
    const linked = render(showWith({ appleUrl: 'https://podcasts.apple.com/podcast/id1', spotifyUrl: 'https://open.spotify.com/show/x' }));
    expect(linked).toContain('<a href="https://podcasts.apple.com/podcast/id1">Apple Podcasts</a>');
    expect(linked).toContain('<a href="https://open.spotify.com/show/x">Spotify</a>');
  });

  it('shows title, date and the transcript with paragraphs the player can follow', () => {
    const html = render();
    expect(html).toContain('<h1>A Little Respite</h1>');
    expect(html).toContain('November 25, 2026');
    expect(html).toContain('<p data-audio-edition-paragraph="a1-p3">Story 1, paragraph 3.');
    expect(html).toContain('href="transcript.vtt"');
  });

  it('links each story’s own MP3 where the build made one', () => {
    const html = render();
    expect(html).toContain('<p class="story-audio"><a href="a2.mp3" download>Download this story</a> (MP3, 1 min)</p>');
    // Only the second story of the fixture has its own MP3.
    expect(html.match(/Download this story/g)).toHaveLength(1);
  });

  it('escapes every piece of edition and config text', () => {
    const html = render(showWith({ title: 'News & <Views>', link: 'javascript:alert(1)', appleUrl: 'javascript:alert(2)' }));
    expect(html).not.toContain(XSS_TEXT);
    expect(html).toContain('Markup stays text: &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect(html).toContain('City council &lt;b&gt;votes&lt;/b&gt;');
    expect(html).toContain('News &amp; &lt;Views&gt;');
    expect(html).not.toContain('javascript:');
    expect(html).not.toMatch(/<(img|b)[\s>]/);
  });

  it('builds published URLs whether or not the base URL ends in a slash', () => {
    expect(publicUrlsFor('https://cdn.example.com/audio', 'a b')).toEqual({
      feedUrl: 'https://cdn.example.com/audio/feed.xml',
      playerUrl: 'https://cdn.example.com/audio/player.js',
      manifestUrl: 'https://cdn.example.com/audio/a%20b/manifest.json',
      pageUrl: 'https://cdn.example.com/audio/a%20b/',
    });
    expect(embedSnippet('https://x/player.js', 'https://x/"e"/manifest.json')).toContain('src="https://x/&quot;e&quot;/manifest.json"');
  });
});

describe('writePlayer', () => {
  let dir: string | undefined;

  beforeAll(() => compilePlayer());
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes the compiled player as one self-contained module', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'player-write-'));
    await writePlayer(dir);
    const source = await readFile(path.join(dir, 'player.js'), 'utf8');
    expect(source).toBe(await playerSource());
    expect(source).toMatch(/customElements\.define\(["']audio-edition["']/);
    // Bundled: nothing is imported at run time, statically or dynamically.
    expect(source).not.toMatch(/(^|[;}\s])import\s*[({"'*\w]/m);
    expect(source).not.toMatch(/\binnerHTML\b|insertAdjacentHTML|outerHTML|document\.write/);
    expect(await readdir(dir)).toEqual(['player.js']);
  });

  it('stays within 12 KB gzipped', async () => {
    const gzipped = gzipSync(await readFile(path.join(repo, 'dist/player/player.js')), { level: 9 });
    expect(gzipped.length).toBeLessThanOrEqual(12 * 1024);
  });
});
