/**
 * Nothing outside src/engines/ names an engine (comments included): everything else loops over
 * the registry, so an engine is added or removed in its own folder and one list.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ENGINES } from '../src/engines/index.js';
import { ROOT } from './helpers/cli.js';

it('no file in src/ outside src/engines/ contains an engine id', async () => {
  const src = path.join(ROOT, 'src');
  const files = (await readdir(src, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(path.join(src, 'engines') + path.sep));
  const ids = new RegExp(`\\b(${ENGINES.map((engine) => engine.id).join('|')})\\b`, 'i');
  const named: string[] = [];
  for (const file of files) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      if (ids.test(line)) named.push(`${path.relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
    });
  }
  expect(files.length).toBeGreaterThan(50);
  expect(named).toEqual([]);
});
