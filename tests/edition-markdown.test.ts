import { describe, expect, it } from 'vitest';
import { texts, useEditionFolder } from './helpers/editions.js';

const { read } = useEditionFolder('edition-md-');

describe('.md front matter', () => {
  it('reads every documented key', async () => {
    const edition = await read(
      'fm.md',
      [
        '---',
        'title: "Morning: The Brief"',
        'date: 2026-11-24',
        'description: Two   stories.',
        'slug: Morning Brief!',
        'voice: rms',
        'language: en-gb',
        'image: https://example.com/cover.jpg',
        'lexicon:',
        '  Lukashenko: loo-kuh-SHEN-koh',
        '  Viasna: { say: vee-AHS-nuh, ipa: viˈasna }',
        'author: ignored',
        '---',
        '',
        'Body text.',
      ].join('\n'),
    );
    expect(edition).toMatchObject({
      title: 'Morning: The Brief',
      date: '2026-11-24',
      description: 'Two stories.',
      slug: 'morning-brief',
      voice: 'rms',
      language: 'en-gb',
      image: 'https://example.com/cover.jpg',
      lexicon: { Lukashenko: 'loo-kuh-SHEN-koh', Viasna: { say: 'vee-AHS-nuh', ipa: 'viˈasna' } },
    });
    expect(edition).not.toHaveProperty('author');
    expect(edition.articles).toEqual([{ id: 'a1', title: 'Morning: The Brief', paragraphs: [{ id: 'a1-p1', text: 'Body text.' }] }]);
  });

  it('prefers the front matter date to the file name, and the file name to today', async () => {
    expect((await read('2026-11-20-x.md', '---\ndate: 2026-11-21\n---\nText.')).date).toBe('2026-11-21');
    expect((await read('2026-11-20-y.md', 'Text.')).date).toBe('2026-11-20');
    expect((await read('undated.md', 'Text.')).date).toBe('2030-01-01');
  });

  it('takes the date part of a front matter timestamp', async () => {
    expect((await read('stamp.md', '---\ndate: 2026-11-21T06:00:00-05:00\n---\nText.')).date).toBe('2026-11-21');
  });

  it('accepts empty front matter', async () => {
    const edition = await read('2026-03-04-empty-fm.md', '---\n---\n# Title\n\nText.');
    expect(edition.title).toBe('Title');
    expect(edition.slug).toBe('2026-03-04-empty-fm');
  });

  it('reduces a hostile front matter slug to [a-z0-9-]', async () => {
    const edition = await read('slug.md', '---\nslug: ../../etc/Passwd--ÉTÉ\n---\nText.');
    expect(edition.slug).toBe('etc-passwd-ete');
  });
});

describe('.md articles', () => {
  it('starts an article at each depth-1 heading; content before the first belongs to the edition title', async () => {
    const edition = await read(
      'articles.md',
      [
        '---',
        'title: The Brief',
        '---',
        'Lead in.',
        '',
        '# First',
        '',
        'One.',
        '',
        '## Sub heading',
        '',
        'Two.',
        '',
        '# Second',
        '',
        'Three.',
      ].join('\n'),
    );
    expect(edition.articles.map((a) => [a.id, a.title])).toEqual([
      ['a1', 'The Brief'],
      ['a2', 'First'],
      ['a3', 'Second'],
    ]);
    expect(texts(edition)).toEqual([['Lead in.'], ['One.', 'Two.'], ['Three.']]);
    expect(edition.articles[1]!.paragraphs.map((p) => p.id)).toEqual(['a2-p1', 'a2-p2']);
  });

  it('uses depth-2 headings when there is no depth-1 heading', async () => {
    const edition = await read('h2.md', '## Alpha\n\nA.\n\n### Detail\n\nA2.\n\n## Beta\n\nB.');
    expect(edition.title).toBe('Alpha');
    expect(edition.articles.map((a) => a.title)).toEqual(['Alpha', 'Beta']);
    expect(texts(edition)).toEqual([['A.', 'A2.'], ['B.']]);
  });

  it('titles the edition by its first heading, else by the file name', async () => {
    expect((await read('first-heading.md', '# **Bold** [Title](https://x.y)\n\nText.')).title).toBe('Bold Title');
    expect((await read('2026-11-25-a-little-respite.md', 'Just text.')).title).toBe('A little respite');
    const leadFirst = await read('2026-11-25-lead-first.md', 'Lead text.\n\n# Story\n\nStory text.');
    expect(leadFirst.title).toBe('Lead first');
    expect(leadFirst.articles.map((a) => a.title)).toEqual(['Lead first', 'Story']);
  });

  it('does not count titles as paragraphs', async () => {
    const edition = await read('titles.md', '# Only a title\n\nText.');
    expect(edition.articles[0]!.paragraphs).toEqual([{ id: 'a1-p1', text: 'Text.' }]);
  });
});

describe('.md content', () => {
  it('reads list items as paragraphs, nested items after their parent', async () => {
    const edition = await read(
      'lists.md',
      [
        '# L',
        '',
        '- First item',
        '- Second item',
        '  continued',
        '  - Nested one',
        '  - Nested two',
        '',
        '1. Numbered',
        '2. Loose',
        '',
        '   with a second paragraph',
      ].join('\n'),
    );
    expect(texts(edition)).toEqual([
      ['First item', 'Second item continued', 'Nested one', 'Nested two', 'Numbered', 'Loose with a second paragraph'],
    ]);
  });

  it('reads a block quote as one paragraph', async () => {
    const edition = await read('quote.md', '# Q\n\nBefore.\n\n> “Quoted,” she said.\n>\n> Second quoted paragraph.\n\nAfter.');
    expect(texts(edition)).toEqual([['Before.', '“Quoted,” she said. Second quoted paragraph.', 'After.']]);
  });

  it('reads links as their text and emphasis as plain text', async () => {
    const edition = await read(
      'links.md',
      '# K\n\nRead [the report](https://example.com/r "Report") by *Radio* **Free** ~~Europe~~ and [the BBC][bbc].\n\n[bbc]: https://bbc.co.uk',
    );
    expect(texts(edition)).toEqual([['Read the report by Radio Free ~~Europe~~ and the BBC.']]);
  });

  it('leaves out images, code and raw HTML', async () => {
    const edition = await read(
      'skipped.md',
      [
        '# C',
        '',
        '![A chart](chart.png)',
        '',
        'Text with ![inline image](i.png) and `inline code` inside.',
        '',
        '```js',
        'console.log("never read");',
        '```',
        '',
        '    indented code block',
        '',
        '<div class="ad">Raw HTML block</div>',
        '',
        'Inline <span data-x="1">html</span> tags<br>dropped.',
        '',
        '<!-- a comment -->',
        '',
        '---',
        '',
        'End.',
      ].join('\n'),
    );
    expect(texts(edition)).toEqual([['Text with and inside.', 'Inline html tags dropped.', 'End.']]);
  });

  it('applies skip rules and numbers paragraphs after them', async () => {
    const edition = await read('skip.md', '# S\n\nKeep one.\n\nSubscribe today!\n\n- Subscribe today please\n- Keep two.', [
      '^Subscribe today',
    ]);
    expect(edition.articles[0]!.paragraphs).toEqual([
      { id: 'a1-p1', text: 'Keep one.' },
      { id: 'a1-p2', text: 'Keep two.' },
    ]);
  });

  it('joins soft line breaks and hard breaks with one space', async () => {
    const edition = await read('breaks.md', '# B\n\nOne line\nnext line  \nhard break\\\nbackslash break');
    expect(texts(edition)).toEqual([['One line next line hard break backslash break']]);
  });

  it('drops invisible characters from Markdown text', async () => {
    const edition = await read('invisible.md', '# Ti\u200Btle\n\nSoft\u00ADhyphen and\u00A0nbsp\u0007.');
    expect(edition.articles[0]!.title).toBe('Title');
    expect(texts(edition)).toEqual([['Softhyphen and nbsp.']]);
  });
});
