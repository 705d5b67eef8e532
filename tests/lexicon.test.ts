import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, EditionError } from '../src/errors.js';
import {
  applyRespellings,
  findLexiconMatches,
  lexiconFromFrontMatter,
  loadLexicon,
  mergeLexicons,
  type LexiconEntry,
} from '../src/text/lexicon.js';
import { prepareOfflineText } from '../src/engines/flite/prepare.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lexicon-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeLexicon(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function loadError(file: string): Promise<ConfigError> {
  const error = await loadLexicon(file).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('loadLexicon', () => {
  it('reads the map form from JSON, with plain respellings and full entries', async () => {
    const file = await writeLexicon(
      'map.json',
      JSON.stringify({ Lukashenko: 'loo-kah-SHEN-koh', Viasna: { say: 'vee-AHS-nah', ipa: 'ˈvjɑːsnə' } }),
    );
    expect(await loadLexicon(file)).toEqual([
      { word: 'Lukashenko', say: 'loo-kah-SHEN-koh' },
      { word: 'Viasna', say: 'vee-AHS-nah', ipa: 'ˈvjɑːsnə' },
    ]);
  });

  it('reads the list form from YAML', async () => {
    const file = await writeLexicon(
      'list.yaml',
      ['- word: Rygor', '  say: ree-GOR', '- word: nato', '  say: NAY-toh', '  caseSensitive: false', ''].join('\n'),
    );
    expect(await loadLexicon(file)).toEqual([
      { word: 'Rygor', say: 'ree-GOR' },
      { word: 'nato', say: 'NAY-toh', caseSensitive: false },
    ]);
  });

  it('reads the map form from a .yml file', async () => {
    const file = await writeLexicon('map.yml', 'Kastusev: kah-stoo-SYOFF\nViasna:\n  say: vee-AHS-nah\n  ipa: ˈvjɑːsnə\n');
    expect(await loadLexicon(file)).toEqual([
      { word: 'Kastusev', say: 'kah-stoo-SYOFF' },
      { word: 'Viasna', say: 'vee-AHS-nah', ipa: 'ˈvjɑːsnə' },
    ]);
  });

  it('treats an empty file as an empty lexicon', async () => {
    expect(await loadLexicon(await writeLexicon('empty.yaml', ''))).toEqual([]);
    expect(await loadLexicon(await writeLexicon('empty.json', '{}'))).toEqual([]);
  });

  it('loads the sample lexicon with the edition’s hard names', async () => {
    const entries = await loadLexicon(path.resolve('lexicon.json'));
    const words = entries.map((entry) => entry.word);
    expect(words).toEqual(expect.arrayContaining(['Lukashenko', 'Kastusev', 'Rygor', 'Viasna']));
    for (const entry of entries) expect(entry.ipa).toBeTruthy();
  });

  it('names the file and the entry when an entry is invalid', async () => {
    const file = await writeLexicon('bad-entry.json', JSON.stringify({ Lukashenko: 'ok', Viasna: { ipa: 'ˈvjasna' } }));
    const error = await loadError(file);
    expect(error.code).toBe('E_LEXICON_INVALID');
    expect(error.exitCode).toBe(2);
    expect(error.location.file).toBe(file);
    expect(error.toLine()).toContain(file);
    expect(error.message).toContain('"Viasna"');
  });

  it('names the position and word of a bad list entry', async () => {
    const file = await writeLexicon('bad-list.yaml', '- word: Rygor\n  say: ree-GOR\n- word: Viasna\n  say: ""\n');
    const error = await loadError(file);
    expect(error.message).toContain('entry 2 ("Viasna")');
    expect(error.message).toContain('say');
  });

  it('rejects unknown fields, so a typo does not silently do nothing', async () => {
    const file = await writeLexicon('typo.json', JSON.stringify({ Viasna: { say: 'vee-AHS-nah', ipaa: 'x' } }));
    expect((await loadError(file)).message).toContain('ipaa');
  });

  it('rejects a lexicon that is neither a map nor a list', async () => {
    expect((await loadError(await writeLexicon('scalar.json', '"Lukashenko"'))).code).toBe('E_LEXICON_INVALID');
  });

  it('reports unparseable JSON and YAML', async () => {
    expect((await loadError(await writeLexicon('broken.json', '{ "Viasna": '))).code).toBe('E_LEXICON_PARSE');
    expect((await loadError(await writeLexicon('broken.yaml', 'Viasna: [unclosed'))).code).toBe('E_LEXICON_PARSE');
  });

  it('reports a missing file and an unknown extension', async () => {
    const missing = path.join(dir, 'missing.json');
    const error = await loadError(missing);
    expect(error.code).toBe('E_LEXICON_READ');
    expect(error.toLine()).toContain(missing);
    expect((await loadError(await writeLexicon('words.txt', 'Viasna'))).code).toBe('E_LEXICON_FORMAT');
  });
});

describe('lexiconFromFrontMatter', () => {
  it('accepts both forms and nothing at all', () => {
    expect(lexiconFromFrontMatter({ Viasna: 'VYAHS-nah' }, 'e.md')).toEqual([{ word: 'Viasna', say: 'VYAHS-nah' }]);
    expect(lexiconFromFrontMatter([{ word: 'Viasna', say: 'VYAHS-nah' }], 'e.md')).toEqual([{ word: 'Viasna', say: 'VYAHS-nah' }]);
    expect(lexiconFromFrontMatter(undefined, 'e.md')).toEqual([]);
  });

  it('throws an edition error naming the edition file and the entry', () => {
    let caught: unknown;
    try {
      lexiconFromFrontMatter({ Viasna: 42 }, 'editions/2026-11-25.md');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EditionError);
    const error = caught as EditionError;
    expect(error.exitCode).toBe(2);
    expect(error.toLine()).toMatch(/^editions\/2026-11-25\.md: front matter lexicon entry "Viasna"/);
  });
});

describe('mergeLexicons', () => {
  const file: LexiconEntry[] = [
    { word: 'Lukashenko', say: 'loo-kah-SHEN-koh', ipa: 'ˌluːkəˈʃɛŋkoʊ' },
    { word: 'Viasna', say: 'vee-AHS-nah' },
  ];

  it('lets front matter override the file for the same word, in any capitalization', () => {
    const edition = lexiconFromFrontMatter({ viasna: 'VYAHS-nah', Rygor: 'ree-GOR' }, 'e.md');
    const merged = mergeLexicons(file, edition);
    expect(merged).toEqual([file[0], { word: 'viasna', say: 'VYAHS-nah' }, { word: 'Rygor', say: 'ree-GOR' }]);
    expect(applyRespellings('Viasna said Rygor', merged)).toBe('VYAHS-nah said ree-GOR');
  });

  it('keeps lists unchanged when nothing overlaps, and copes with none', () => {
    expect(mergeLexicons(file)).toEqual(file);
    expect(mergeLexicons()).toEqual([]);
  });
});

describe('matching', () => {
  const lexicon: LexiconEntry[] = [
    { word: 'Lukashenko', say: 'loo-kah-SHEN-koh' },
    { word: 'Alexander Lukashenko', say: 'Alexander loo-kah-SHEN-koh the elder' },
    { word: 'nato', say: 'NAY-toh' },
    { word: 'Belarus', say: 'bel-uh-ROOS' },
  ];

  it('matches whole words, including before a possessive', () => {
    expect(applyRespellings('Lukashenko’s term', lexicon)).toBe('loo-kah-SHEN-koh’s term');
    expect(applyRespellings("Lukashenko's term", lexicon)).toBe("loo-kah-SHEN-koh's term");
    expect(applyRespellings('Lukashenkoism spread', lexicon)).toBe('Lukashenkoism spread');
    expect(applyRespellings('Belarusian media in Belarus', lexicon)).toBe('Belarusian media in bel-uh-ROOS');
  });

  it('matches a capitalized entry case-exactly and a lowercase entry in any case', () => {
    expect(applyRespellings('LUKASHENKO and lukashenko', lexicon)).toBe('LUKASHENKO and lukashenko');
    expect(applyRespellings('Nato and NATO', lexicon)).toBe('NAY-toh and NAY-toh');
  });

  it('lets a phrase win over a word inside it', () => {
    const matches = findLexiconMatches('President Alexander Lukashenko and Lukashenko', lexicon);
    expect(matches.map((match) => match.entry.word)).toEqual(['Alexander Lukashenko', 'Lukashenko']);
  });
});

describe('prepareOfflineText', () => {
  const lexicon: LexiconEntry[] = [
    { word: 'Lukashenko', say: 'loo-kah-SHEN-koh' },
    { word: 'Viasna', say: 'vee-AHS-nah' },
    { word: 'B2B', say: 'bee to bee' },
    { word: 'NATO', say: 'NAY-toh' },
    { word: 'St. Louis', say: 'saint LOO-iss' },
  ];

  it('respells first, then normalizes the rest', () => {
    expect(prepareOfflineText('In 2020, Lukashenko – in power since 1994 – won.', lexicon)).toBe(
      'In twenty twenty, loo-kah-SHEN-koh, in power since nineteen ninety-four, won.',
    );
  });

  it('keeps respellings intact: no acronym, number or dash rule touches them', () => {
    expect(prepareOfflineText('Viasna, Lukashenko’s critics', lexicon)).toBe("vee-AHS-nah, loo-kah-SHEN-koh's critics");
    expect(prepareOfflineText('NATO and the BBC', lexicon)).toBe('NAY-toh and the B B C');
    expect(prepareOfflineText('a B2B deal worth $3 million', lexicon)).toBe('a bee to bee deal worth three million dollars');
  });

  it('lets a lexicon entry win over an abbreviation rule', () => {
    expect(prepareOfflineText('Flights to St. Louis on Dec. 5', lexicon)).toBe('Flights to saint LOO-iss on December fifth');
  });

  it('keeps titles working before a respelled name', () => {
    expect(prepareOfflineText('Mr. Lukashenko said', lexicon)).toBe('Mister loo-kah-SHEN-koh said');
  });

  it('does not take the edition’s own private-use characters for respellings', () => {
    expect(prepareOfflineText('Viasna \uE000 reported', lexicon)).toBe('vee-AHS-nah reported');
  });

  it('only normalizes symbols for a language the rules do not cover', () => {
    expect(prepareOfflineText('Viasna — 5 Dec.', lexicon, 'pl-PL')).toBe('vee-AHS-nah, 5 Dec.');
  });

  it('reads the sample edition’s hard names with the sample lexicon', async () => {
    const sample = await loadLexicon(path.resolve('lexicon.json'));
    const edition = await readFile(path.resolve('editions/2026-11-25-a-little-respite.txt'), 'utf8');
    const paragraph = edition.split('\n').find((line) => line.includes('Rygor'))!;
    const spoken = prepareOfflineText(paragraph, sample, 'en-US');
    expect(spoken).toContain('ree-GOR kah-stoo-SYOFF');
    expect(spoken).toContain('loo-kah-SHEN-koh in the twenty ten presidential election');
    expect(spoken).not.toMatch(/Lukashenko|Kastusev|Rygor/);
  });
});
