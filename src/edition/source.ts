import { readFile, stat } from 'node:fs/promises';
import { editionError } from './codes.js';
import { cleanSource } from './text.js';

/** A day's edition is kilobytes; anything this large is the wrong file, not an edition. */
export const MAX_EDITION_BYTES = 16 * 1024 * 1024;

/**
 * Checks that `file` is a regular file we may read, before its extension or content is looked
 * at, so a missing file is reported as missing whatever it is called.
 */
export async function checkEditionFile(file: string): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    throw fileSystemError(file, error);
  }
  if (info.isDirectory()) {
    throw editionError('E_EDITION_FOLDER', file, 'is a folder, not an edition file.', 'Pass the .txt, .md or .html file inside it.');
  }
  // Pipes and devices would block or never end.
  if (!info.isFile()) {
    throw editionError('E_EDITION_UNREADABLE', file, 'is not a regular file.', 'Pass a .txt, .md or .html edition file.');
  }
  if (info.size > MAX_EDITION_BYTES) {
    throw editionError(
      'E_EDITION_TOO_LARGE',
      file,
      `is ${Math.round(info.size / 1024 / 1024)} MB, larger than an edition can be (${MAX_EDITION_BYTES / 1024 / 1024} MB).`,
      'Check that this is the right file.',
    );
  }
}

/**
 * Reads an edition's text: UTF-8 only (a wrong encoding would be read aloud as garbage),
 * no binary content, line breaks made uniform and invisible characters dropped.
 */
export async function readEditionSource(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw fileSystemError(file, error);
  }
  return decodeEditionBytes(bytes, file);
}

/** The checks on content, apart from the file system, so they can be tested on bytes. */
export function decodeEditionBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw emptyError(file);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw editionError('E_EDITION_ENCODING', file, 'is UTF-16 text, not UTF-8.', 'Save or export it as UTF-8.');
  }
  if (bytes.includes(0)) {
    throw editionError(
      'E_EDITION_BINARY',
      file,
      'holds binary data (NUL bytes), not text.',
      'Pass the plain-text, Markdown or HTML export of the edition.',
    );
  }
  let text: string;
  try {
    // The decoder drops a leading UTF-8 byte-order mark.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw editionError('E_EDITION_ENCODING', file, 'is not valid UTF-8 text.', 'Save or export it as UTF-8.', error);
  }
  return prepareEditionText(text, file);
}

/** Text checks, for text that is already decoded: no NUL characters, something left once cleaned. */
function prepareEditionText(text: string, file: string): string {
  if (text.includes('\u0000')) {
    throw editionError(
      'E_EDITION_BINARY',
      file,
      'holds binary data (NUL characters), not text.',
      'Pass the plain-text, Markdown or HTML export of the edition.',
    );
  }
  const cleaned = cleanSource(text.replace(/^\uFEFF/, ''));
  if (cleaned.trim() === '') throw emptyError(file);
  return cleaned;
}

function emptyError(file: string) {
  return editionError('E_EDITION_EMPTY', file, 'is empty.', 'Export the edition again; it should hold a title and paragraphs.');
}

function fileSystemError(file: string, error: unknown) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return editionError('E_EDITION_MISSING', file, 'does not exist.', 'Check the path and file name.', error);
  }
  if (code === 'EISDIR') {
    return editionError(
      'E_EDITION_FOLDER',
      file,
      'is a folder, not an edition file.',
      'Pass the .txt, .md or .html file inside it.',
      error,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return editionError('E_EDITION_UNREADABLE', file, 'cannot be read (permission denied).', 'Give your user read access to it.', error);
  }
  return editionError(
    'E_EDITION_UNREADABLE',
    file,
    `cannot be read (${code ?? (error as Error).message}).`,
    'Check the file and try again.',
    error,
  );
}
