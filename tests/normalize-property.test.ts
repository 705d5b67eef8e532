import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareOfflineText } from '../src/engines/flite/prepare.js';
import { parseSpokenMoney, parseSpokenNumber, parseSpokenYear } from './helpers/spoken-number.js';

/**
 * A number is never read with another value: for generated amounts, decimals, percentages, years
 * and magnitudes, the words flite is sent are parsed back into a number and compared with the
 * written one. The seed makes every run generate the same cases; a failure prints the case.
 */
const SEED = 20261202;
const RUNS = 300;

/** What flite is sent for the figure inside a news sentence, without the sentence around it. */
function spokenFigure(written: string): string {
  const sent = prepareOfflineText(`The figure was ${written} on Monday.`, [], 'en-US');
  const match = /^The figure was (.*) on Monday\.$/.exec(sent);
  if (!match) throw new Error(`the sentence around "${written}" changed: ${sent}`);
  return match[1]!;
}

function withCommas(n: number): string {
  return n.toLocaleString('en-US');
}

function closeTo(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}

const whole = fc.integer({ min: 0, max: 999_999_999 });
const decimalDigits = fc.stringMatching(/^\d{1,3}$/);

describe('numbers read back into the value written', () => {
  it('amounts of money ("$4.15", "$1,234,567.89", "$.02")', () => {
    fc.assert(
      fc.property(whole, fc.integer({ min: 0, max: 99 }), fc.boolean(), (dollars, cents, commas) => {
        const amount = commas ? withCommas(dollars) : String(dollars);
        const written = `$${dollars === 0 && cents > 0 ? '' : amount}.${String(cents).padStart(2, '0')}`;
        const spoken = spokenFigure(written);
        expect(closeTo(parseSpokenMoney(spoken), dollars + cents / 100), `${written} → ${spoken}`).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('decimals ("12.05", ".287", "0.3")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), decimalDigits, fc.boolean(), (integer, digits, dropZero) => {
        const written = integer === 0 && dropZero ? `.${digits}` : `${integer}.${digits}`;
        const spoken = spokenFigure(written);
        expect(closeTo(parseSpokenNumber(spoken), Number(written)), `${written} → ${spoken}`).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('percentages ("4.5%", "12 percent")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.option(decimalDigits), (integer, digits) => {
        const number = digits === null ? String(integer) : `${integer}.${digits}`;
        const spoken = spokenFigure(`${number}%`);
        expect(spoken.endsWith(' percent'), `${number}% → ${spoken}`).toBe(true);
        expect(closeTo(parseSpokenNumber(spoken.replace(/ percent$/, '')), Number(number)), `${number}% → ${spoken}`).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('years ("in 1998", "in 2005", "in 1905")', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1100, max: 2099 }), (year) => {
        const sent = prepareOfflineText(`It happened in ${year}.`, [], 'en-US');
        const spoken = /^It happened in (.*)\.$/.exec(sent)?.[1] ?? '';
        expect(parseSpokenYear(spoken), `${year} → ${spoken}`).toBe(year);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('magnitudes ("3.5bn", ".1 trillion", "$2.5m", "2.5m people")', () => {
    const scales: Array<[string, number, string]> = [
      ['bn', 1e9, ''],
      [' billion', 1e9, ''],
      [' trillion', 1e12, ''],
      ['tn', 1e12, ''],
      [' million', 1e6, ''],
      ['m', 1e6, ' people'],
      ['k', 1e3, ' people'],
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.option(fc.stringMatching(/^\d{1,2}$/)),
        fc.constantFrom(...scales),
        fc.boolean(),
        (integer, digits, [suffix, scale, after], dollars) => {
          const number = digits === null ? String(Math.max(integer, 1)) : `${integer === 0 ? '' : integer}.${digits}`;
          const written = `${dollars ? '$' : ''}${number}${suffix}${after}`;
          let spoken = spokenFigure(written);
          expect(spoken.endsWith(after), `${written} → ${spoken}`).toBe(true);
          spoken = spoken.slice(0, spoken.length - after.length);
          if (dollars) {
            expect(spoken.endsWith(' dollars'), `${written} → ${spoken}`).toBe(true);
            spoken = spoken.replace(/ dollars$/, '');
          }
          expect(closeTo(parseSpokenNumber(spoken), Number(number) * scale), `${written} → ${spoken}`).toBe(true);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('no word is silently dropped', () => {
  /** Ordinary words, several of which are also written as units ("in", "m", "min", "L"). */
  const ordinary = ['the', 'House', 'in', 'extra', 'time', 'polls', 'away', 'of', 'snow', 'June', 'votes', 'people', 'at', 'on', 'by'];
  const moreWords = ['for', 'from', 'overnight', 'wall', 'said', 'more', 'than', 'over', 'after', 'with', 'water', 'adults', 'is'];
  /** What a unit-like word may become right after a number: the unit's name, or a scale. */
  const readings: Record<string, string[]> = {
    in: ['inch', 'inches'],
    m: ['meter', 'meters', 'million'],
    min: ['minute', 'minutes'],
    L: ['liter', 'liters'],
    g: ['gram', 'grams'],
    kg: ['kilogram', 'kilograms'],
    km: ['kilometer', 'kilometers'],
    ft: ['foot', 'feet'],
    mi: ['mile', 'miles'],
    h: ['hour', 'hours'],
    t: ['tonne', 'tonnes'],
    pct: ['percent'],
  };
  const figure = fc.oneof(
    fc.integer({ min: 0, max: 9999 }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${b}`),
    fc
      .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom('-', '–'))
      .map(([a, b, dash]) => `${a}${dash}${b}`),
    fc.integer({ min: 1, max: 999 }).map((n) => `$${n}`),
    fc.integer({ min: 1, max: 99 }).map((n) => `${n}%`),
  );
  const word = fc.constantFrom(...ordinary, ...moreWords, ...Object.keys(readings));
  const sentence = fc.array(fc.oneof({ arbitrary: word, weight: 2 }, { arbitrary: figure, weight: 1 }), { minLength: 2, maxLength: 10 });

  const isFigure = (token: string) => /\d/.test(token);
  const spokenWords = (text: string) => text.toLowerCase().match(/[a-z]+/g) ?? [];

  it('every word that is not part of a number, a unit or a code is sent, in order', () => {
    fc.assert(
      fc.property(sentence, (tokens) => {
        const written = `Officials said ${tokens.join(' ')} today.`;
        const sent = spokenWords(prepareOfflineText(written, [], 'en-US'));
        let at = 0;
        const all = ['Officials', 'said', ...tokens, 'today'];
        all.forEach((token, index) => {
          if (isFigure(token)) return;
          const afterFigure = index > 0 && isFigure(all[index - 1]!);
          const accepted = new Set([token.toLowerCase(), ...(afterFigure ? (readings[token] ?? []) : [])]);
          while (at < sent.length && !accepted.has(sent[at]!)) at += 1;
          expect(at < sent.length, `"${token}" is missing from what "${written}" sends: ${sent.join(' ')}`).toBe(true);
          at += 1;
        });
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  });
});

describe('the words-to-numbers reading itself', () => {
  it.each([
    ['two point five million', 2_500_000],
    ['point one trillion', 1e11],
    ['one hundred twenty-three thousand four hundred fifty-six point zero seven', 123_456.07],
  ])('reads "%s" as %d', (spoken, value) => {
    expect(closeTo(parseSpokenNumber(spoken), value)).toBe(true);
  });

  it('tells a wrong reading apart', () => {
    expect(parseSpokenNumber('one trillion')).not.toBe(parseSpokenNumber('point one trillion'));
    expect(parseSpokenMoney('four dollars and fifteen cents')).toBe(4.15);
    expect(parseSpokenYear('nineteen oh five')).toBe(1905);
  });
});
