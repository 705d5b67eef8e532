import type { Heading, ListItem, Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { MAX_NESTING, tooDeepError } from './codes.js';
import type { DraftArticle, DraftEdition } from './draft.js';
import { splitFrontMatter } from './front-matter.js';

const BREAKING_TAG = /^<\/?(?:br|hr|p|div|li|ul|ol|h[1-6]|blockquote|table|tr|td|th)\b/i;

/**
 * Reads a Markdown edition.
 * - Articles: every top-level depth-1 heading starts one, titled by it; a document without
 *   depth-1 headings uses its depth-2 headings instead. Other headings are not read (they are
 *   neither titles nor paragraphs). Content before the first such heading forms an article
 *   titled by the edition title.
 * - Paragraphs: Markdown paragraphs, list items (each item one paragraph; nested items follow
 *   as their own) and block quotes (one paragraph per quote). Links read as their text;
 *   images, code (inline and blocks) and raw HTML are not read.
 * - Edition title: front matter `title`, else the first heading's text when nothing readable
 *   comes before it (it is then the edition's name or its lead story), else the file name.
 */
export function readMarkdown(source: string, file: string): DraftEdition {
  const { frontMatter, body } = splitFrontMatter(source, file);
  checkNesting(body, file);
  const blocks = fromMarkdown(body).children;
  const headings = blocks.filter((node): node is Heading => node.type === 'heading');
  const articleDepth = headings.some((h) => h.depth === 1) ? 1 : 2;

  const articles: DraftArticle[] = [];
  let current: DraftArticle = { paragraphs: [] };
  articles.push(current);
  for (const block of blocks) {
    if (block.type === 'heading') {
      if (block.depth === articleDepth) {
        current = { title: readInline(block.children), paragraphs: [] };
        articles.push(current);
      }
      continue;
    }
    collectParagraphs(block, current.paragraphs);
  }

  // A first heading that follows readable text is a story's title, not the edition's.
  const leadsDocument = articles[0]!.paragraphs.every((text) => text.trim() === '');
  const firstHeading = headings[0] && leadsDocument ? readInline(headings[0].children).trim() : '';
  const title = frontMatter.title ?? (firstHeading || undefined);
  return { ...frontMatter, ...(title === undefined ? {} : { title }), articles };
}

/**
 * Deeply nested quotes and lists (`>>>>…`, ever-deeper indented items) make the Markdown parser
 * take minutes long before they overflow anything, so they are refused up front: a line may not
 * open more than MAX_NESTING containers or be indented past what that many levels would need.
 */
function checkNesting(body: string, file: string): void {
  for (const match of body.matchAll(/^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))+/gm)) {
    const prefix = match[0];
    const markers = prefix.match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0;
    const width = prefix.replace(/\t/g, '    ').length;
    if (markers > MAX_NESTING || width > 4 * MAX_NESTING) throw tooDeepError(file);
  }
}

/** Adds the paragraphs one block contributes. */
function collectParagraphs(block: RootContent, out: string[]): void {
  switch (block.type) {
    case 'paragraph':
      out.push(readInline(block.children));
      return;
    case 'blockquote':
      out.push(readBlockText(block.children));
      return;
    case 'list':
      for (const item of block.children) collectListItem(item, out);
      return;
    default:
      // code, html, thematicBreak, definition and the rest are not read.
      return;
  }
}

/** A list item reads as one paragraph; lists nested in it follow as paragraphs of their own. */
function collectListItem(item: ListItem, out: string[]): void {
  out.push(readBlockText(item.children.filter((child) => child.type !== 'list')));
  for (const child of item.children) {
    if (child.type === 'list') collectParagraphs(child, out);
  }
}

/** All readable text in some blocks, as one run of text. */
function readBlockText(blocks: readonly RootContent[]): string {
  return blocks.map(readNodeText).filter(Boolean).join(' ');
}

function readNodeText(node: RootContent): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return readInline(node.children);
    case 'blockquote':
    case 'listItem':
      return readBlockText(node.children);
    case 'list':
      return readBlockText(node.children);
    default:
      return '';
  }
}

/** Inline text: links as their text; images, inline code and raw HTML tags left out. */
function readInline(nodes: readonly PhrasingContent[]): string {
  return nodes.map(readPhrasing).join('');
}

function readPhrasing(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'break':
      return ' ';
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference':
      return readInline(node.children);
    case 'html':
      // The tag is not read, but a line break or block tag still separates words.
      return BREAKING_TAG.test(node.value) ? ' ' : '';
    default:
      // image, imageReference, inlineCode, footnoteReference
      return '';
  }
}
