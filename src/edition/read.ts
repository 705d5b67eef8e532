import path from 'node:path';
import { assembleEdition, type AssembleOptions } from './assemble.js';
import { editionError, tooDeepError } from './codes.js';
import type { EditionReader } from './draft.js';
import { checkEditionFile, readEditionSource } from './source.js';
import { readTxt } from './txt.js';
import type { Edition } from './types.js';

export type ReadEditionOptions = AssembleOptions;

/**
 * One reader per format, chosen by extension (case-insensitive). The Markdown, YAML and HTML
 * parsers load only when an edition needs them, so a plain-text build does not pay for them.
 */
const loadMarkdown = async () => (await import('./markdown.js')).readMarkdown;
const loadHtml = async () => (await import('./html.js')).readHtml;
const READERS: Record<string, () => Promise<EditionReader>> = {
  '.txt': async () => readTxt,
  '.md': loadMarkdown,
  '.markdown': loadMarkdown,
  '.html': loadHtml,
  '.htm': loadHtml,
};

/**
 * Reads an edition file into Edition → Article → Paragraph. Every problem with the file is an
 * EditionError (exit 2) with a stable code; a bad `skip` pattern is a ConfigError.
 */
export async function readEdition(file: string, options: ReadEditionOptions = {}): Promise<Edition> {
  await checkEditionFile(file);
  const reader = await pickReader(file);
  const source = await readEditionSource(file);
  return assembleEdition(runReader(reader, source, file), file, options);
}

/** Readers check nesting themselves; this catches any stack overflow they (or a parser) still hit. */
function runReader(reader: EditionReader, source: string, file: string) {
  try {
    return reader(source, file);
  } catch (error) {
    if (error instanceof RangeError) throw tooDeepError(file, error);
    throw error;
  }
}

async function pickReader(file: string): Promise<EditionReader> {
  const extension = path.extname(file).toLowerCase();
  const reader = READERS[extension];
  if (!reader) {
    const what = extension ? `has the extension ${extension}, which is not an edition format` : 'has no extension to tell its format';
    throw editionError('E_EDITION_EXTENSION', file, `${what}.`, 'Use a .txt, .md or .html edition file.');
  }
  return reader();
}
