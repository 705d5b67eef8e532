import { describe, expect, it } from 'vitest';
import { texts, useEditionFolder } from './helpers/editions.js';

const { read } = useEditionFolder('edition-html-');

const CMS_EXPORT = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>The Evening Edition</title>
  <meta property="og:title" content="OG title">
  <meta name="description" content="Two stories &amp; a quote.">
  <meta property="article:published_time" content="2026-11-24T18:00:00Z">
  <style>p { color: red }</style>
  <script>console.log("never read")</script>
</head>
<body>
  <nav><ul><li>Home</li><li>World</li></ul></nav>
  <header><h1>Site masthead</h1></header>
  <main>
    <article>
      <h2>First &ldquo;Story&rdquo;</h2>
      <p>Paragraph &amp; one&nbsp;with <a href="/x">a link</a> and <em>emphasis</em>.</p>
      <figure><img src="a.jpg" alt="A photo"><figcaption>Caption not read</figcaption></figure>
      <blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>
      <ul>
        <li>Item one</li>
        <li><p>Item two</p> with tail
          <ol><li>Nested</li></ol>
        </li>
      </ul>
      <aside><p>Related: never read</p></aside>
      <p data-audio-skip>Skipped by mark.</p>
      <div data-audio-skip="true"><p>Also skipped.</p></div>
      <p>Line<br>break and <script>bad()</script>tail.</p>
    </article>
    <article>
      <header><h1>Second Story</h1><time datetime="2026-11-23">Nov 23</time></header>
      <p>Only paragraph.</p>
      <pre><code>code() // not read</code></pre>
      <p hidden>Hidden.</p>
    </article>
  </main>
  <footer><p>Footer outside articles.</p></footer>
</body>
</html>`;

describe('.html CMS export', () => {
  it('reads articles, titles and paragraphs and leaves out what is not article text', async () => {
    const edition = await read('export.html', CMS_EXPORT);
    expect(edition.title).toBe('The Evening Edition');
    expect(edition.date).toBe('2026-11-24');
    expect(edition.description).toBe('Two stories & a quote.');
    expect(edition.articles.map((a) => [a.id, a.title])).toEqual([
      ['a1', 'First “Story”'],
      ['a2', 'Second Story'],
    ]);
    expect(texts(edition)).toEqual([
      [
        'Paragraph & one with a link and emphasis.',
        'Quoted one. Quoted two.',
        'Item one',
        'Item two with tail',
        'Nested',
        'Line break and tail.',
      ],
      ['Only paragraph.'],
    ]);
    expect(edition.articles[0]!.paragraphs.map((p) => p.id)).toEqual(['a1-p1', 'a1-p2', 'a1-p3', 'a1-p4', 'a1-p5', 'a1-p6']);
  });

  it('applies skip rules', async () => {
    const edition = await read('skip.html', '<article><h1>T</h1><p>Keep.</p><p>Subscribe today</p><li>Subscribe today!</li></article>', [
      '^Subscribe',
    ]);
    expect(texts(edition)).toEqual([['Keep.']]);
  });

  it('treats <main> as the one article when there is no <article>', async () => {
    const edition = await read(
      'main.html',
      '<html><head><title>T</title></head><body><p>Outside main.</p><main><h2>Main title</h2><p>Inside.</p></main></body></html>',
    );
    expect(edition.articles).toEqual([{ id: 'a1', title: 'Main title', paragraphs: [{ id: 'a1-p1', text: 'Inside.' }] }]);
  });

  it('treats <body> as the one article without <article> or <main>', async () => {
    const edition = await read('body.html', '<html><body><h1>Heading</h1><p>One.</p><div><p>Two.</p></div></body></html>');
    expect(edition.title).toBe('Heading');
    expect(edition.articles).toEqual([
      {
        id: 'a1',
        title: 'Heading',
        paragraphs: [
          { id: 'a1-p1', text: 'One.' },
          { id: 'a1-p2', text: 'Two.' },
        ],
      },
    ]);
  });

  it('reads a fragment without <html> or <body>', async () => {
    const edition = await read('2026-05-06-fragment.html', '<p>Just &lt;this&gt; &#8212; decoded.</p>');
    expect(edition.date).toBe('2026-05-06');
    expect(edition.title).toBe('Fragment');
    expect(texts(edition)).toEqual([['Just <this> — decoded.']]);
  });

  it('takes the title from meta tags when there is no <title> or <h1>', async () => {
    const edition = await read('meta.html', '<meta property="og:title" content="From OG"><article><h2>A</h2><p>x</p></article>');
    expect(edition.title).toBe('From OG');
  });

  it('takes the date from <time datetime>, else from the file name', async () => {
    expect((await read('2026-01-01-t.html', '<article><time datetime="2026-02-03T10:00">x</time><p>x</p></article>')).date).toBe(
      '2026-02-03',
    );
    expect((await read('2026-01-01-u.html', '<article><time datetime="10:00">x</time><p>x</p></article>')).date).toBe('2026-01-01');
  });

  it('titles an article without a heading by the edition title', async () => {
    const edition = await read(
      'untitled.html',
      '<title>Edition</title><article><p>x</p></article><article><h3>Third-level</h3><p>y</p></article>',
    );
    expect(edition.articles.map((a) => a.title)).toEqual(['Edition', 'Third-level']);
  });

  it('does not take markup in text as markup', async () => {
    const edition = await read('markup.html', '<article><h1>&lt;speak&gt;</h1><p>&lt;break time="3s"/&gt; &amp;amp;</p></article>');
    expect(edition.articles[0]!.title).toBe('<speak>');
    expect(texts(edition)).toEqual([['<break time="3s"/> &amp;']]);
  });

  it('drops invisible characters, including ones written as entities', async () => {
    const edition = await read('invisible.html', '<article><h1>Ti&#x200B;tle</h1><p>co&shy;operate&#x202E; &#0;now</p></article>');
    expect(edition.articles[0]!.title).toBe('Title');
    expect(texts(edition)).toEqual([['cooperate now']]);
  });
});
