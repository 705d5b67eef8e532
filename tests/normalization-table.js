#!/usr/bin/env node
/**
 * Prints, per category, how many sentences of the news reading table (tests/fixtures/normalization)
 * the built offline text preparation reads as expected, and the ones it does not. CI runs it after
 * the tests (which build dist/); it exits 1 if any sentence is read otherwise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { prepareOfflineText } = await import(path.join(root, 'dist/engines/flite/prepare.js'));
const folder = path.join(root, 'tests/fixtures/normalization');

let passed = 0;
let failed = 0;
const misses = [];
console.log('category          cases   read as expected');
for (const file of readdirSync(folder)
  .filter((name) => name.endsWith('.tsv'))
  .sort()) {
  const cases = readFileSync(path.join(folder, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
  let right = 0;
  for (const [written, spoken] of cases) {
    const sent = prepareOfflineText(written, [], 'en-US');
    if (sent === spoken) right += 1;
    else misses.push(`  ${written}\n    sent:     ${sent}\n    expected: ${spoken}`);
  }
  passed += right;
  failed += cases.length - right;
  console.log(`${file.replace(/\.tsv$/, '').padEnd(16)} ${String(cases.length).padStart(6)}   ${right}`);
}
if (misses.length > 0) console.log(`\nRead otherwise:\n${misses.join('\n')}`);
console.log(`normalization: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
