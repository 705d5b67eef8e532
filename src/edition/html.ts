import { DomUtils, parseDocument } from 'htmlparser2';
import { parseDeclaredDate } from './date.js';
import { editionError, MAX_NESTING, tooDeepError } from './codes.js';
import type { DraftArticle, DraftEdition } from './draft.js';

type AnyNode = Parameters<typeof DomUtils.getChildren>[0];
type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

/**
 * Never read: the SPEC's list (script, style, nav, aside, figure), plus what a browser would not
 * show as article text either (head, templates, embedded media and graphics, form controls) and
 * preformatted code, which Markdown editions leave out too.
 */
const UNREAD = new Set([
  'script',
  'style',
  'nav',
  'aside',
  'figure',
  'head',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'picture',
  'img',
  'button',
  'select',
  'textarea',
  'input',
  'pre',
]);

// Elements whose boundaries separate words ("<li>a</li><li>b</li>" is not "ab").
const BLOCKS = new Set([
  'address',
  'article',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LISTS = new Set(['ul', 'ol']);

/**
 * Reads a CMS export: each `<article>` is an article (title from its first h1/h2, else any
 * heading, else the edition title); without one, `<main>` or else `<body>` is the one article.
 * `<p>`, `<li>` and `<blockquote>` are paragraphs, each counted once (a `<p>` inside a quote or
 * list item is part of it). Headings are titles, never paragraphs. Entities are decoded by the
 * parser. Edition title: `<title>`, else the first `<h1>`, else og:title / twitter:title. Date:
 * `article:published_time` (or another date meta), else the first `<time datetime>`.
 */
export function readHtml(source: string, file: string): DraftEdition {
  const document = parseDocument(source);
  const roots = document.children;
  if (measureDepth(roots) > MAX_NESTING * 2) throw tooDeepError(file);
  const metas = readMetas(roots);

  const containers: Array<{ children: AnyNode[] }> = findOutermost(roots, (el) => el.name === 'article');
  if (containers.length === 0) {
    const main = findOutermost(roots, (el) => el.name === 'main')[0] ?? DomUtils.findOne((el) => el.name === 'body', roots);
    containers.push(main ?? document);
  }
  const articles: DraftArticle[] = containers.map((container) => {
    const heading =
      findFirst(container.children, (el) => el.name === 'h1' || el.name === 'h2') ??
      findFirst(container.children, (el) => HEADINGS.has(el.name));
    const paragraphs: string[] = [];
    collectParagraphs(container.children, paragraphs);
    return heading ? { title: readText(heading.children), paragraphs } : { paragraphs };
  });
  if (articles.every((article) => article.paragraphs.every((text) => text.trim() === ''))) {
    throw editionError(
      'E_EDITION_NO_TEXT',
      file,
      'has no readable text: no <p>, <li> or <blockquote> with words outside skipped parts.',
      'Export the article body, not only the page frame.',
    );
  }

  const draft: DraftEdition = { articles };
  const title = pickTitle(roots, metas);
  if (title) draft.title = title;
  const date = pickDate(roots, metas, file);
  if (date) draft.date = date;
  const description = metas.get('description') ?? metas.get('og:description');
  if (description?.trim()) draft.description = description;
  return draft;
}

/** Without recursion, so that measuring a hostile document cannot overflow the stack. */
function measureDepth(roots: readonly AnyNode[]): number {
  let deepest = 0;
  const stack: Array<[AnyNode, number]> = roots.map((node) => [node, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (isElement(node)) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function isUnread(element: Element): boolean {
  return (
    UNREAD.has(element.name) ||
    DomUtils.hasAttrib(element, 'data-audio-skip') ||
    DomUtils.hasAttrib(element, 'hidden') ||
    DomUtils.getAttributeValue(element, 'aria-hidden') === 'true'
  );
}

/** Paragraphs in document order, never looking inside unread parts. */
function collectParagraphs(nodes: readonly AnyNode[], out: string[]): void {
  for (const node of nodes) {
    if (!isElement(node) || isUnread(node) || HEADINGS.has(node.name)) continue;
    if (node.name === 'p' || node.name === 'blockquote') {
      out.push(readText(node.children));
    } else if (node.name === 'li') {
      out.push(readText(node.children, LISTS));
      collectNestedLists(node.children, out);
    } else {
      collectParagraphs(node.children, out);
    }
  }
}

/** The lists inside a list item, whose items are paragraphs of their own. */
function collectNestedLists(nodes: readonly AnyNode[], out: string[]): void {
  for (const node of nodes) {
    if (!isElement(node) || isUnread(node)) continue;
    if (LISTS.has(node.name)) collectParagraphs(node.children, out);
    else collectNestedLists(node.children, out);
  }
}

/** The text a reader sees, with unread parts (and `except` elements) left out. */
function readText(nodes: readonly AnyNode[], except?: ReadonlySet<string>): string {
  let text = '';
  for (const node of nodes) {
    if (node.type === 'text') {
      text += (node as { data: string }).data;
    } else if (isElement(node) && !isUnread(node) && !except?.has(node.name)) {
      if (node.name === 'br') text += ' ';
      else if (BLOCKS.has(node.name)) text += ` ${readText(node.children, except)} `;
      else text += readText(node.children, except);
    }
  }
  return text;
}

/** Elements matching `test`, outside unread parts, not nested in another match. */
function findOutermost(nodes: readonly AnyNode[], test: (element: Element) => boolean, out: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isElement(node) || isUnread(node)) continue;
    if (test(node)) out.push(node);
    else findOutermost(node.children, test, out);
  }
  return out;
}

function findFirst(nodes: readonly AnyNode[], test: (element: Element) => boolean): Element | undefined {
  for (const node of nodes) {
    if (!isElement(node) || isUnread(node)) continue;
    if (test(node)) return node;
    const found = findFirst(node.children, test);
    if (found) return found;
  }
  return undefined;
}

/** `<meta>` contents by lowercased `property`, `name` or `itemprop`; the first of each wins. */
function readMetas(roots: readonly AnyNode[]): Map<string, string> {
  const metas = new Map<string, string>();
  for (const meta of DomUtils.findAll((el) => el.name === 'meta', [...roots])) {
    const content = DomUtils.getAttributeValue(meta, 'content');
    if (content === undefined) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = DomUtils.getAttributeValue(meta, attribute)?.toLowerCase();
      if (key && !metas.has(key)) metas.set(key, content);
    }
  }
  return metas;
}

function pickTitle(roots: readonly AnyNode[], metas: Map<string, string>): string | undefined {
  const candidates = [DomUtils.findOne((el) => el.name === 'title', [...roots]), findFirst(roots, (el) => el.name === 'h1')].map(
    (element) => (element ? readText(element.children) : ''),
  );
  candidates.push(metas.get('og:title') ?? '', metas.get('twitter:title') ?? '');
  return candidates.find((text) => text.trim() !== '');
}

/** A date-shaped value that is not a real date is an error; other values (durations, times) are ignored. */
function pickDate(roots: readonly AnyNode[], metas: Map<string, string>, file: string): string | undefined {
  const declared: Array<[string, string | undefined]> = [
    ['meta article:published_time', metas.get('article:published_time')],
    ['meta datePublished', metas.get('datepublished')],
    ['meta date', metas.get('date')],
  ];
  const time = findFirst(roots, (el) => el.name === 'time' && DomUtils.hasAttrib(el, 'datetime'));
  if (time) declared.push(['<time datetime>', DomUtils.getAttributeValue(time, 'datetime')]);
  for (const [where, value] of declared) {
    const parsed = value === undefined ? undefined : parseDeclaredDate(value);
    if (!parsed) continue;
    if (!parsed.valid) {
      throw editionError(
        'E_EDITION_DATE',
        file,
        `${where} ${parsed.date} does not exist in the calendar.`,
        'Correct the date (YYYY-MM-DD).',
      );
    }
    return parsed.date;
  }
  return undefined;
}
