import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareOfflineText } from '../src/engines/flite/prepare.js';
import { normalizeForSpeech } from '../src/text/normalize.js';

/**
 * The news-style reading table, one file per category in tests/fixtures/normalization/: each
 * line is a sentence as written, a tab, and the sentence as a newsreader says it. The same
 * files feed the per-category table CI prints (tests/normalization-table.js).
 */
const folder = path.resolve('tests/fixtures/normalization');

function readCases(file: string): Array<[string, string]> {
  return readFileSync(path.join(folder, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t') as [string, string]);
}

const categories = readdirSync(folder)
  .filter((file) => file.endsWith('.tsv'))
  .map((file) => [file.replace(/\.tsv$/, ''), readCases(file)] as const);

describe('the news reading table', () => {
  it('covers every category with at least 15 sentences', () => {
    expect(categories.map(([name]) => name).sort()).toEqual(
      [
        'abbreviations',
        'address',
        'cardinal',
        'date',
        'decimal',
        'electronic',
        'fraction',
        'measure',
        'money',
        'ordinal',
        'punctuation',
        'range',
        'roman-numerals',
        'telephone',
        'time',
      ].sort(),
    );
    for (const [name, cases] of categories) expect(cases.length, name).toBeGreaterThanOrEqual(15);
  });

  for (const [name, cases] of categories) {
    describe(name, () => {
      it.each(cases)('%s', (written, spoken) => {
        expect(prepareOfflineText(written, [], 'en-US')).toBe(spoken);
      });
    });
  }

  it('applies none of it to another language: every digit is left for that language to read', () => {
    for (const [, cases] of categories) {
      for (const [written] of cases) {
        expect(normalizeForSpeech(written, { language: 'fr-FR' }).match(/\d+/g), written).toEqual(written.match(/\d+/g));
      }
    }
  });
});
