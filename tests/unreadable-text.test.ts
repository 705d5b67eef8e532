/**
 * Text the chosen voice cannot speak, through the built CLI as an editor runs it. Paragraphs
 * with nothing to say (emoji, dashes, ellipses) are skipped with a warning and never appear as
 * silent paragraphs; the edition's `language` decides the normalization rules; a clip the engine
 * returns without speech is never placed. Refusals (Arabic, Chinese, Russian with the offline
 * voice; an edition of emoji) are in the hostile-input corpus, tests/hostile-inputs.test.ts.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli } from './helpers/cli.js';

let work: { dir: string; config: string; out: string };

beforeAll(async () => {
  work = await makeWorkspace();
});
afterAll(async () => {
  await rm(work.dir, { recursive: true, force: true });
});

/** Writes an edition into the work folder, and gives its name as an editor there types it. */
async function edition(name: string, content: string): Promise<string> {
  await writeFile(path.join(work.dir, name), content);
  return name;
}

interface Manifest {
  articles: Array<{
    id: string;
    title: string;
    start: number;
    end: number;
    paragraphs: Array<{ id: string; text: string; start: number; end: number }>;
  }>;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('paragraphs with nothing to read aloud', () => {
  it('are skipped with a warning, never published as silent paragraphs, and the other ids stay', async () => {
    const file = await edition(
      '2026-11-27-party.md',
      [
        '---\ntitle: Party\n---',
        '# The news\n\nThe council met on Tuesday.\n\n🎉🎉🎉\n\nIt agreed on the budget.',
        '# Interlude\n\n— — —\n\n...',
        '# The weather\n\nRain all week.',
      ].join('\n\n'),
    );
    const result = await runCli(['build', file, '-c', work.config, '-o', work.out, '--json'], { cwd: work.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'warning: 2026-11-27-party.md, article 1 "The news", paragraph 2 (a1-p2): skipped: nothing to read aloud ("🎉🎉🎉").',
      'warning: 2026-11-27-party.md, article 2 "Interlude", paragraph 1 (a2-p1): skipped: nothing to read aloud ("— — —").',
      'warning: 2026-11-27-party.md, article 2 "Interlude", paragraph 2 (a2-p2): skipped: nothing to read aloud ("...").',
      'warning: 2026-11-27-party.md, article 2 "Interlude": left out: none of its paragraphs can be read aloud.',
    ]);
    const episode = JSON.parse(result.stdout).episodes[0];
    expect(episode).toMatchObject({ articles: 2, paragraphs: 3, skipped: ['a1-p2', 'a2-p1', 'a2-p2'] });

    const folder = path.join(work.out, '2026-11-27-party');
    const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.articles.map((article) => [article.id, article.paragraphs.map((p) => p.id)])).toEqual([
      ['a1', ['a1-p1', 'a1-p3']],
      ['a3', ['a3-p1']],
    ]);
    for (const paragraph of manifest.articles.flatMap((article) => article.paragraphs)) {
      expect(paragraph.end - paragraph.start, paragraph.id).toBeGreaterThan(0.3);
    }
    const chapters = JSON.parse(await readFile(path.join(folder, 'chapters.json'), 'utf8'));
    expect(chapters.chapters.map((chapter: { title: string }) => chapter.title)).toEqual(['The news', 'The weather']);
    expect(await exists(path.join(folder, 'a1.mp3'))).toBe(true);
    expect(await exists(path.join(folder, 'a2.mp3'))).toBe(false);
    expect(await exists(path.join(folder, 'a3.mp3'))).toBe(true);
    const vtt = await readFile(path.join(folder, 'transcript.vtt'), 'utf8');
    for (const silent of ['🎉', '— — —', '...']) expect(vtt).not.toContain(silent);
    const { segments } = JSON.parse(await readFile(path.join(folder, 'transcript.json'), 'utf8')) as {
      segments: Array<{ body: string; paragraph?: string }>;
    };
    expect([...new Set(segments.map((segment) => segment.paragraph).filter(Boolean))]).toEqual(['a1-p1', 'a1-p3', 'a3-p1']);
    // The intro counts the stories that are read.
    expect(segments.map((segment) => segment.body).join(' ')).toContain('Two stories.');
  });

  it('preview --dry-run leaves them out with the same warning', async () => {
    const file = await edition('dashes.txt', 'Today\n\nA paragraph that is read.\n— — —\nAnother one.\n');
    const result = await runCli(['preview', file, '--dry-run', '--json', '-c', work.config], { cwd: work.dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('warning: dashes.txt, article 1 "Today", paragraph 2 (a1-p2): skipped: nothing to read aloud ("— — —").\n');
    expect(JSON.parse(result.stdout).paragraphs.map((p: { id: string }) => p.id)).toEqual(['a1-p1', 'a1-p3']);
  });
});

describe("the edition's language decides the normalization rules", () => {
  const body = '# Marché\n\nLe 3 mars, M. Dupont a payé 25 € pour 2 kg de pommes.\n';
  const sentFor = async (file: string, config = work.config) => {
    const result = await runCli(['preview', file, '--dry-run', '--json', '-c', config], { cwd: work.dir });
    expect(result.code, result.stderr).toBe(0);
    return { sent: JSON.parse(result.stdout).paragraphs[0].sent as string, stderr: result.stderr };
  };

  it('French front matter: no English number, unit or currency words, and a warning that flite speaks English', async () => {
    const { sent, stderr } = await sentFor(await edition('marche-fr.md', `---\nlanguage: fr\n---\n\n${body}`));
    expect(sent).toBe('Le 3 mars, M. Dupont a payé 25 € pour 2 kg de pommes.');
    expect(stderr).toBe(
      'warning: marche-fr.md: the edition is in French (language: fr), but flite voice "slt" speaks English, so it will read it with English pronunciation; for French, use --engine google --voice fr-FR-Neural2-A.\n',
    );
  });

  it('English front matter: the English rules read the numbers, units and amounts', async () => {
    const { sent, stderr } = await sentFor(await edition('marche-en.md', `---\nlanguage: en\n---\n\n${body}`));
    expect(sent).toContain('three');
    expect(sent).toContain('twenty-five');
    expect(sent).toContain('kilograms');
    expect(stderr).toBe('');
  });

  it('show.language in the config, when the edition names none', async () => {
    const config = JSON.parse(await readFile(work.config, 'utf8'));
    config.show.language = 'es';
    const spanish = path.join(work.dir, 'spanish.config.json');
    await writeFile(spanish, JSON.stringify(config));
    const { sent, stderr } = await sentFor(await edition('mercado.md', body), spanish);
    expect(sent).not.toMatch(/three|twenty|kilogram/);
    expect(stderr).toContain('(show.language: es)');
  });
});

describe('a clip the engine returns without speech', () => {
  it('is never placed: the build stops naming the paragraph and publishes nothing', async () => {
    // Latin letters, so the plan lets them through, but flite has no sound for any of them.
    const file = await edition('2026-11-28-eng.md', '# Letters\n\nA paragraph that is read.\n\nŋŋŋ\n');
    const result = await runCli(['build', file, '-c', work.config, '-o', work.out], { cwd: work.dir });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'error: 2026-11-28-eng.md, article 1, paragraph 2: flite voice "slt" returned no speech for this paragraph. Check its text for letters the voice cannot say; reword it, or give them a lexicon entry saying how to read them.',
    );
    expect(await exists(path.join(work.out, '2026-11-28-eng'))).toBe(false);
  });
});
