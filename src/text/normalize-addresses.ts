/** Street addresses and the state after a town: "123 Main St, Springfield, IL" as a newsreader reads it. */
import type { HeldWords } from './held.js';
import { numberStart } from './held.js';
import { alternation, keptStop, rules } from './normalize-rules.js';
import { sayCardinal, sayDigits, sayModelNumber, sayOrdinal } from './number-words.js';

const NAME_WORD = "(?:\\p{Lu}[\\p{L}'’-]*|\\d{1,3}(?:st|nd|rd|th))";
const ADDRESS = new RegExp(
  `${numberStart('.,/')}(?<!(?:No\\.|Nos\\.|#)\\s?)(?<house>\\d{1,5})(?<letter>[A-Z])?\\s(?:(?<direction>${alternation(Object.keys(rules.directions))})\\s)?` +
    `(?<name>${NAME_WORD}(?:\\s${NAME_WORD}){0,3})\\s(?<type>${alternation(Object.keys(rules.streetTypes))})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** "2788" → "twenty-seven eighty-eight", "123" → "one twenty-three", "12" → "twelve". */
function sayHouseNumber(digits: string): string {
  if (digits.length <= 2) return sayCardinal(digits);
  return digits.length === 5 ? sayDigits(digits) : sayModelNumber(digits);
}

function sayAddresses(text: string, held: HeldWords): string {
  return text.replace(ADDRESS, (all: string, ...args: unknown[]) => {
    const g = args.at(-1) as Record<string, string | undefined>;
    const offset = args.at(-3) as number;
    const rest = text.slice(offset + all.length);
    const name = g.name!.replace(/(\d+)(?:st|nd|rd|th)/g, (_ordinal, n: string) => sayOrdinal(n));
    const direction = g.direction ? `${rules.directions[g.direction]} ` : '';
    // "on Main St." at the end of a sentence keeps its period as the full stop.
    // "221B Baker Street": the letter after the house number is said on its own.
    const house = g.letter ? `${sayHouseNumber(g.house!)} ${g.letter}` : sayHouseNumber(g.house!);
    return held.hold(`${house} ${direction}${name} ${rules.streetTypes[g.type!]}`) + keptStop(g.type!, rest);
  });
}

const STATE_AFTER_TOWN = new RegExp(
  `(?<=\\p{Lu}[\\p{L}.'-]*,\\s)(${alternation(Object.keys(rules.stateCodes).filter((code) => !rules.stateCodesThatAreWords.includes(code)))})(?=[\\s,.;:]|$)`,
  'gu',
);

/** "Springfield, IL" → "Springfield, Illinois". */
function sayStatesAfterTowns(text: string): string {
  return text.replace(STATE_AFTER_TOWN, (code: string) => rules.stateCodes[code] ?? code);
}

export function sayAddressParts(text: string, held: HeldWords): string {
  return sayStatesAfterTowns(sayAddresses(text, held));
}
