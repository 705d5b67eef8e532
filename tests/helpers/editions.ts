import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readEdition } from '../../src/edition/read.js';
import type { Edition } from '../../src/edition/types.js';
import { SAMPLE } from './cli.js';

/** A private folder for one test file's edition fixtures, removed after the file's tests. */
export function useEditionFolder(prefix: string) {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, content: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };
  /** Writes a fixture and reads it as an edition, with a fixed "today" for undated files. */
  const read = async (name: string, content: string, skip?: string[]): Promise<Edition> =>
    readEdition(await write(name, content), { skip, today: '2030-01-01' });
  return { write, read };
}

/** Each article's paragraph texts. */
export function texts(edition: Edition): string[][] {
  return edition.articles.map((article) => article.paragraphs.map((p) => p.text));
}

/** The sample edition's non-empty lines, trimmed: the title, then every line of the body. */
export function sampleLines(): string[] {
  return readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}
