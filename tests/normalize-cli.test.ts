import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

/**
 * The reading rules through the built CLI, as an editor checks them: `preview --dry-run --json`
 * prints what flite is sent for each paragraph. The sentences come from the news reading table
 * (tests/fixtures/normalization), two or three per category.
 */
const sentences: Array<[string, string]> = [
  ['The deficit narrowed by .1 trillion dollars.', 'The deficit narrowed by point one trillion dollars.'],
  ['Stamps rose to $.68 each.', 'Stamps rose to sixty-eight cents each.'],
  ['The company has 2.5m users.', 'The company has two point five million users.'],
  ['The Boeing 737-800 landed safely.', 'The Boeing seven thirty-seven eight hundred landed safely.'],
  ['Gas was $4.15/gallon in March.', 'Gas was four dollars and fifteen cents per gallon in March.'],
  ['The plan costs $20/mo.', 'The plan costs twenty dollars per month.'],
  ['Apples sell at 12/kg.', 'Apples sell at twelve per kilogram.'],
  ['The letter was dated 01/07/98.', 'The letter was dated January seventh, nineteen ninety-eight.'],
  ['We met on the 26th May.', 'We met on the twenty-sixth of May.'],
  ['She won the 100m final.', 'She won the one hundred meter final.'],
  ['Temperatures fell to -5C overnight.', 'Temperatures fell to minus five degrees Celsius overnight.'],
  ['The hotline is 1-800-555-0199.', 'The hotline is one, eight hundred, five five five, zero one nine nine.'],
  ['The summit opens JAN. 15 in Geneva.', 'The summit opens January fifteenth in Geneva.'],
  ['The call is at 11:30EST.', 'The call is at eleven thirty E S T.'],
  ['He finished in 1:01:01.', 'He finished in one hour one minute and one second.'],
  ['The shop is open 7am-8pm.', 'The shop is open seven A M to eight P M.'],
  ['Tickets cost $250-$300.', 'Tickets cost two hundred fifty dollars to three hundred dollars.'],
  ['He saved through a 401(k).', 'He saved through a four oh one k.'],
  ['After WWII Europe rebuilt.', 'After World War Two Europe rebuilt.'],
  ['Super Bowl LVIII was in Las Vegas.', 'Super Bowl fifty-eight was in Las Vegas.'],
  ['He said "no", and left.', 'He said "no", and left.'],
  ['The election is in 2026.', 'The election is in twenty twenty-six.'],
  ['The bill passed 218-214 in the House.', 'The bill passed two hundred eighteen to two hundred fourteen in the House.'],
  ['Turnout hit 90 pct. of registered voters.', 'Turnout hit ninety percent of registered voters.'],
];

let dir: string;
let edition: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'normalize-cli-'));
  edition = path.join(dir, 'reading-check.txt');
  await writeFile(edition, ['Reading check', ...sentences.map(([written]) => written)].join('\n'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('preview --dry-run --json', () => {
  it('prints, for each paragraph, what flite is sent after normalization, and writes nothing', async () => {
    const result = await runCli(['preview', edition, '--dry-run', '--json'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { engine: string; paragraphs: Array<{ text: string; sent: string }> };
    expect(plan.engine).toBe('flite');
    expect(plan.paragraphs.map((paragraph) => [paragraph.text, paragraph.sent])).toEqual(sentences);
    expect(await readdir(dir)).toEqual(['reading-check.txt']);
  });

  it('reads a line given with --text the same way', async () => {
    const result = await runCli(['preview', '--text', 'Revenue hit $3.5bn on the 26th May.', '--dry-run', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as { paragraphs: Array<{ sent: string }> };
    expect(plan.paragraphs.map((paragraph) => paragraph.sent)).toEqual([
      'Revenue hit three point five billion dollars on the twenty-sixth of May.',
    ]);
  });
});
