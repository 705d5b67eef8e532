import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech } from '../src/text/normalize.js';
import { sayCardinal, sayOrdinal, sayYear } from '../src/text/number-words.js';

/**
 * What flite is given for news text in the styles editors paste in (AP, Reuters, BBC).
 * Each row is [as written, as read]; the written text is what listeners still see.
 */
const cases: Array<[string, string]> = [
  // Dates, months and weekdays (AP, BBC and ISO styles)
  ['The vote is set for Dec. 5.', 'The vote is set for December fifth.'],
  ['Dec. 5, 2024', 'December fifth, twenty twenty-four'],
  ['The summit opens Jan. 15 in Geneva.', 'The summit opens January fifteenth in Geneva.'],
  ['Officials said Feb. 29, 2024, was a leap day.', 'Officials said February twenty-ninth, twenty twenty-four, was a leap day.'],
  ['on Aug. 1st', 'on August first'],
  ['by Sept. 30, 2025', 'by September thirtieth, twenty twenty-five'],
  ['Published 5 December 2024', 'Published the fifth of December twenty twenty-four'],
  ['on 1 January', 'on the first of January'],
  ['The deadline was 2024-12-05.', 'The deadline was December fifth, twenty twenty-four.'],
  ['Filed on 12/5/2024 in court.', 'Filed on December fifth, twenty twenty-four in court.'],
  ['The meeting is Tues., Dec. 5.', 'The meeting is Tuesday, December fifth.'],
  ['Wed., Oct. 2', 'Wednesday, October second'],
  ['Sat., March 4', 'Saturday, March fourth'],
  ['The sun set on the Sun.', 'The sun set on the Sun.'],
  ['in March 2022', 'in March twenty twenty-two'],
  ['in Sept. the court ruled', 'in September the court ruled'],
  // Ordinals
  ['the 21st century', 'the twenty-first century'],
  ['the 1st Amendment', 'the first Amendment'],
  ['his 2nd term', 'his second term'],
  ['the 3rd time', 'the third time'],
  ['the 100th anniversary', 'the one hundredth anniversary'],
  ['the 42nd St. station', 'the forty-second Street station'],
  // Times: A M and P M in capitals, which flite reads as letters (lowercase "a" is read as the article)
  ['10:30 a.m. EST', 'ten thirty A M E S T'],
  ['The briefing is at 9 p.m. It will be streamed.', 'The briefing is at nine P M. It will be streamed.'],
  ['at 9 p.m. Monday', 'at nine P M Monday'],
  ['at noon', 'at noon'],
  ['at 10am', 'at ten A M'],
  ['at 6:05 p.m.', 'at six oh five P M.'],
  ['at 14:30 GMT', 'at fourteen thirty G M T'],
  ['by 10:00', "by ten o'clock"],
  ['at 12 noon', 'at twelve noon'],
  // Years versus counts
  ['in 1994', 'in nineteen ninety-four'],
  ['since 1066', 'since ten sixty-six'],
  ['in 1900', 'in nineteen hundred'],
  ['in 1905', 'in nineteen oh five'],
  ['in 2000', 'in two thousand'],
  ['in 2005', 'in two thousand five'],
  ['in 2010', 'in twenty ten'],
  ['in 2020,', 'in twenty twenty'],
  ['7,850 individuals', 'seven thousand eight hundred fifty individuals'],
  ['2,090 people', 'two thousand ninety people'],
  ['1500 people', 'one thousand five hundred people'],
  ['1,000,000 voters', 'one million voters'],
  ['more than 250 of them', 'more than two hundred fifty of them'],
  ['sentenced to 10 years', 'sentenced to ten years'],
  // Decimals and percentages
  ['3.5', 'three point five'],
  ['0.25 of a point', 'zero point two five of a point'],
  ['a rate of 4.5%', 'a rate of four point five percent'],
  ['grew 2.5 percent', 'grew two point five percent'],
  ['up 0.3% in May', 'up zero point three percent in May'],
  // Money
  ['$3 million', 'three million dollars'],
  ['$32.95', 'thirty-two dollars and ninety-five cents'],
  ['$3 a month', 'three dollars a month'],
  ['$1', 'one dollar'],
  ['$0.50', 'fifty cents'],
  ['$5.00', 'five dollars'],
  ['$1.5 billion', 'one point five billion dollars'],
  ['$50k', 'fifty thousand dollars'],
  ['$3m deal', 'three million dollars deal'],
  ['US$5 billion', 'five billion U S dollars'],
  ['€1.2bn', 'one point two billion euros'],
  ['€40', 'forty euros'],
  ['£2.5bn', 'two point five billion pounds'],
  ['£1', 'one pound'],
  ['£0.99', 'ninety-nine pence'],
  ['¥100', 'one hundred yen'],
  ['₽1,000', 'one thousand rubles'],
  // Ranges and scores
  ['2010–2014', 'twenty ten to twenty fourteen'],
  ['2010-14', 'twenty ten to twenty fourteen'],
  ['5-10', 'five to ten'],
  ['5–10%', 'five to ten percent'],
  ['1,000-2,000 people', 'one thousand to two thousand people'],
  ['won 3-2', 'won three to two'],
  // Dashes, ellipses and quotes
  ['Lukashenko – who has been in power since 1994 – was', 'Lukashenko, who has been in power since nineteen ninety-four, was'],
  ['A pause — then silence.', 'A pause, then silence.'],
  ['Wait... what?', 'Wait, what?'],
  ['And then…', 'And then'],
  ['“seriously ill,” he said', '"seriously ill," he said'],
  ['the country’s leader', "the country's leader"],
  ['‘It is over,’ she said.', "'It is over,' she said."],
  // Web and e-mail addresses
  ['example.com/news', 'example dot com slash news'],
  ['https://www.bbc.co.uk/news', 'H T T P S colon slash slash W W W dot B B C dot co dot U K slash news'],
  [
    'Visit www.rferl.org/a/belarus-amnesty/123.html.',
    'Visit W W W dot rferl dot org slash a slash belarus dash amnesty slash one two three.',
  ],
  ['Write to a@b.org', 'Write to a at b dot org'],
  ['Contact press@un.org today.', 'Contact press at U N dot org today.'],
  // Emoji and symbols
  ['Great news 🎉!', 'Great news!'],
  ['Thumbs up 👍🏽 from the team', 'Thumbs up from the team'],
  ['Q&A with Smith & Wesson', 'Q and A with Smith and Wesson'],
  ['AT&T shares', 'A T and T shares'],
  // Acronyms: spelled, said as words, or left alone
  ['the BBC noted', 'the B B C noted'],
  ['NATO allies', 'Nato allies'],
  ['FBI agents', 'F B I agents'],
  ['UNESCO site', 'Unesco site'],
  ['the MPs voted', "the M P's voted"],
  ["the BBC's report", "the B B C's report"],
  ['an NHS trust', 'an N H S trust'],
  ['the WHO said', 'the W H O said'],
  ['CNN reported', 'C N N reported'],
  ['TASS said', 'Tass said'],
  ['the GDP grew', 'the G D P grew'],
  ['ISIS fighters', 'Isis fighters'],
  // Titles and abbreviations
  ['Gen. Mark Milley', 'General Mark Milley'],
  ['Sen. Elizabeth Warren', 'Senator Elizabeth Warren'],
  ['Rep. Nancy Pelosi', 'Representative Nancy Pelosi'],
  ['Gov. Gavin Newsom', 'Governor Gavin Newsom'],
  ['Prof. Jane Doe', 'Professor Jane Doe'],
  ['Lt. Gen. Keith Kellogg', 'Lieutenant General Keith Kellogg'],
  ['Mr. Smith vs. Mr. Jones', 'Mister Smith versus Mister Jones'],
  ['Mrs. Clinton and Ms. Harris', 'Missus Clinton and Miz Harris'],
  ['Dr. Anthony Fauci', 'Doctor Anthony Fauci'],
  ['Mulholland Dr. in', 'Mulholland Drive in'],
  ['Martin Luther King Jr. said', 'Martin Luther King Junior said'],
  ['No. 10 Downing St.', 'number ten Downing Street.'],
  ['St. Louis', 'Saint Louis'],
  ["St. Paul's Cathedral", "Saint Paul's Cathedral"],
  ['on Main St.', 'on Main Street.'],
  ['the U.S. Senate', 'the U S Senate'],
  ['the U.K. government', 'the U K government'],
  ['the U.N. General Assembly', 'the U N General Assembly'],
  ['E.U. leaders', 'E U leaders'],
  ['in the U.S.', 'in the U S.'],
  ['Washington, D.C.', 'Washington, D C.'],
  ['in Springfield, Ill., on Monday', 'in Springfield, Illinois, on Monday'],
  ['Apple Inc. and Ford Motor Co. said', 'Apple Incorporated and Ford Motor Company said'],
  ['apples, pears, etc.', 'apples, pears, et cetera.'],
  ['e.g. the euro', 'for example the euro'],
  ['Roe v. Wade', 'Roe versus Wade'],
  // Codes, numerals, units and fractions
  ['COVID-19', 'Covid nineteen'],
  ['9/11', 'nine eleven'],
  ['24/7 coverage', 'twenty-four seven coverage'],
  ['the G7 summit', 'the G seven summit'],
  ['World War II', 'World War two'],
  ['Queen Elizabeth II', 'Queen Elizabeth the second'],
  ['Pope Leo XIV', 'Pope Leo the fourteenth'],
  ['the 1990s', 'the nineteen nineties'],
  ["the '90s", 'the nineties'],
  ['20°C', 'twenty degrees Celsius'],
  ['a 5 km run', 'a five kilometer run'],
  ['70 mph', 'seventy miles per hour'],
  ['-5 degrees', 'minus five degrees'],
  ['1 1/2 cups', 'one and a half cups'],
  ['½ a mile', 'half a mile'],
  ['2½ hours', 'two and a half hours'],
  ['3/4 of voters', 'three quarters of voters'],
  ['a 50/50 chance', 'a fifty fifty chance'],
  ['F-35 jets', 'F thirty-five jets'],
  ['MH17 crash', 'M H seventeen crash'],
  // Signs, slashes and stray symbols
  ['#1 seed', 'number one seed'],
  ['#MeToo movement', 'hashtag MeToo movement'],
  ['@AP reported', 'at A P reported'],
  ['and/or', 'and or'],
  ['his/her', 'his or her'],
  ['rights * conditions', 'rights conditions'],
  ['Price™', 'Price'],
  ['the NYPD said', 'the N Y P D said'],
  ['SpaceX', 'SpaceX'],
  ['BREAKING NEWS', 'BREAKING NEWS'],
  ['the XYZ group', 'the X Y Z group'],
  ['the LGBTQ community', 'the L G B T Q community'],
  // Odds and ends
  ['the 1.2bn people', 'the one point two billion people'],
  ['the F.B.I. said', 'the F B I said'],
  ['They were 5.', 'They were five.'],
  ['5 Ford cars', 'five Ford cars'],
];

describe('normalizeForSpeech', () => {
  it('has a case table of real news styles', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases)('%s', (written, spoken) => {
    expect(normalizeForSpeech(written)).toBe(spoken);
  });

  it("reads the sample edition's paragraph as a newsreader would", () => {
    const paragraph =
      'In 2020, mass protests erupted across Belarus after Lukashenko – who has been in power since 1994 – was declared the winner of that year’s presidential election.';
    expect(normalizeForSpeech(paragraph)).toBe(
      "In twenty twenty, mass protests erupted across Belarus after Lukashenko, who has been in power since nineteen ninety-four, was declared the winner of that year's presidential election.",
    );
  });

  it('leaves nothing an engine would spell out symbol by symbol', () => {
    const spoken = normalizeForSpeech('Join us for $32.95 (or €30) — 50% off! 🎉 Visit https://example.com/offer?ref=nl#top & save…');
    expect(spoken).toBe(
      'Join us for thirty-two dollars and ninety-five cents, or thirty euros, fifty percent off! Visit H T T P S colon slash slash example dot com slash offer and save',
    );
    expect(spoken).not.toMatch(/[$€%&#?=()🎉—…]/u);
  });

  it('only cleans symbols and punctuation for languages other than English', () => {
    expect(normalizeForSpeech('Le 5 décembre — 🎉 « bravo »', { language: 'fr-FR' })).toBe('Le 5 décembre, "bravo"');
    expect(normalizeForSpeech('On Dec. 5', { language: 'en-GB' })).toBe('On December fifth');
  });
});

describe('number words', () => {
  it.each([
    [0, 'zero'],
    [13, 'thirteen'],
    [40, 'forty'],
    [99, 'ninety-nine'],
    [101, 'one hundred one'],
    [7850, 'seven thousand eight hundred fifty'],
    [1_000_000, 'one million'],
    [2_500_000_001, 'two billion five hundred million one'],
  ])('says %i as "%s"', (value, words) => {
    expect(sayCardinal(value)).toBe(words);
  });

  it.each([
    [1, 'first'],
    [2, 'second'],
    [3, 'third'],
    [12, 'twelfth'],
    [20, 'twentieth'],
    [21, 'twenty-first'],
    [100, 'one hundredth'],
  ])('says ordinal %i as "%s"', (value, words) => {
    expect(sayOrdinal(value)).toBe(words);
  });

  it.each([
    [1066, 'ten sixty-six'],
    [1900, 'nineteen hundred'],
    [1905, 'nineteen oh five'],
    [1994, 'nineteen ninety-four'],
    [2000, 'two thousand'],
    [2009, 'two thousand nine'],
    [2010, 'twenty ten'],
    [2024, 'twenty twenty-four'],
  ])('says year %i as "%s"', (value, words) => {
    expect(sayYear(value)).toBe(words);
  });
});

describe('the reading rules in a build', () => {
  it('are emitted next to the compiled module and load in plain Node', async () => {
    const run = promisify(execFile);
    // Inside the project, so the compiled rules resolve their packages from its node_modules.
    await mkdir('node_modules/.cache', { recursive: true });
    const out = await mkdtemp(path.resolve('node_modules/.cache/normalize-build-'));
    try {
      const tsc = path.resolve('node_modules/typescript/bin/tsc');
      await run(process.execPath, [
        tsc,
        '--outDir',
        out,
        '--rootDir',
        'src',
        '--module',
        'NodeNext',
        '--moduleResolution',
        'NodeNext',
        '--target',
        'ES2022',
        '--resolveJsonModule',
        '--skipLibCheck',
        '--types',
        'node',
        'src/text/normalize.ts',
      ]);
      expect((await readdir(path.join(out, 'text/rules'))).sort()).toEqual(
        (await readdir('src/text/rules')).filter((name) => name.endsWith('.json')).sort(),
      );
      const script = `import { normalizeForSpeech } from ${JSON.stringify(path.join(out, 'text/normalize.js'))};
        process.stdout.write(normalizeForSpeech('The BBC said $3 million on Dec. 5.'));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
      expect(stdout).toBe('The B B C said three million dollars on December fifth.');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
