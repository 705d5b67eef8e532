import { EditionError } from '../errors.js';

/** Stable codes for every way an edition file can be unusable. Tests and scripts rely on them. */
export type EditionErrorCode =
  | 'E_EDITION_MISSING'
  | 'E_EDITION_FOLDER'
  | 'E_EDITION_UNREADABLE'
  | 'E_EDITION_TOO_LARGE'
  | 'E_EDITION_EXTENSION'
  | 'E_EDITION_EMPTY'
  | 'E_EDITION_BINARY'
  | 'E_EDITION_ENCODING'
  | 'E_EDITION_FRONT_MATTER'
  | 'E_EDITION_DATE'
  | 'E_EDITION_NO_TEXT'
  | 'E_EDITION_TOO_DEEP'
  | 'E_EDITION_ALL_SKIPPED';

/**
 * Builds an EditionError. The message leaves out the file name because the error carries it
 * as its location, and `toLine()` puts it in front: "editions/x.txt: <message> <hint>".
 */
export function editionError(code: EditionErrorCode, file: string, message: string, hint: string, cause?: unknown): EditionError {
  return new EditionError(code, file, message, hint, cause);
}

/** Nesting no real edition has; refusing it keeps hostile files from exhausting the stack or the clock. */
export const MAX_NESTING = 100;

export function tooDeepError(file: string, cause?: unknown): EditionError {
  return editionError(
    'E_EDITION_TOO_DEEP',
    file,
    `nests quotes, lists or elements more than ${MAX_NESTING} levels deep.`,
    'Check that this is a real edition export.',
    cause,
  );
}
