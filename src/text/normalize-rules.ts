/**
 * The reading rules, kept as JSON in `rules/` so an editor can read and extend them without
 * touching code. Importing them (rather than reading files at run time) lets tsc copy them
 * into dist/ next to this module, so the built CLI needs nothing else on disk.
 */
import abbreviations from './rules/abbreviations.json' with { type: 'json' };
import addresses from './rules/addresses.json' with { type: 'json' };
import acronyms from './rules/acronyms.json' with { type: 'json' };
import calendar from './rules/calendar.json' with { type: 'json' };
import codes from './rules/codes.json' with { type: 'json' };
import currencies from './rules/currencies.json' with { type: 'json' };
import numbers from './rules/numbers.json' with { type: 'json' };
import symbols from './rules/symbols.json' with { type: 'json' };
import units from './rules/units.json' with { type: 'json' };

export interface CurrencyName {
  one: string;
  many: string;
  minorOne: string;
  minorMany: string;
}

export interface ContextualAbbreviation {
  beforeName: string;
  afterName: string;
}

export interface ReadingRules {
  titles: Record<string, string>;
  contextual: Record<string, ContextualAbbreviation>;
  general: Record<string, string>;
  beforeNumber: Record<string, string>;
  states: Record<string, string>;
  midSentence: string[];
  months: Record<string, string[]>;
  weekdays: Record<string, string[]>;
  dateOnlyWeekdays: string[];
  zones: string[];
  eras: Record<string, string>;
  lastTwoDigitYearIn2000s: number;
  spelledAcronyms: string[];
  wordAcronyms: string[];
  mixedCaseWords: string[];
  wordsInCapitals: string[];
  currencySigns: Record<string, CurrencyName>;
  currencyScales: Record<string, string>;
  symbolWords: Record<string, string>;
  phrases: Record<string, string>;
  topLevelDomains: string[];
  countWords: string[];
  determiners: string[];
  units: Record<string, string[]>;
  touchOnlyUnits: string[];
  withPeriodUnits: string[];
  spacedAsListedUnits: string[];
  perUnits: Record<string, string>;
  pluralBefore: string[];
  modelMakers: string[];
  romanCardinalAfter: string[];
  regnalTitles: string[];
  notRoman: string[];
  zipAfter: string[];
  stateCodes: Record<string, string>;
  streetTypes: Record<string, string>;
  directions: Record<string, string>;
  stateCodesThatAreWords: string[];
}

export const rules: ReadingRules = {
  titles: abbreviations.titles,
  contextual: abbreviations.contextual,
  general: abbreviations.general,
  beforeNumber: abbreviations.beforeNumber,
  states: abbreviations.states,
  midSentence: abbreviations.midSentence,
  months: calendar.months,
  weekdays: calendar.weekdays,
  dateOnlyWeekdays: calendar.dateOnlyWeekdays,
  zones: calendar.zones,
  eras: calendar.eras,
  lastTwoDigitYearIn2000s: calendar.lastTwoDigitYearIn2000s,
  spelledAcronyms: acronyms.spell,
  wordAcronyms: acronyms.word,
  mixedCaseWords: acronyms.mixedCaseWords,
  wordsInCapitals: acronyms.wordsInCapitals,
  currencySigns: currencies.signs,
  currencyScales: currencies.scales,
  symbolWords: symbols.words,
  phrases: symbols.phrases,
  topLevelDomains: symbols.topLevelDomains,
  countWords: numbers.countWords,
  determiners: numbers.determiners,
  units: units.units,
  touchOnlyUnits: units.touchOnly,
  withPeriodUnits: units.withPeriod,
  spacedAsListedUnits: units.spacedAsListed,
  perUnits: units.per,
  pluralBefore: units.pluralBefore,
  modelMakers: codes.modelMakers,
  romanCardinalAfter: codes.romanCardinalAfter,
  regnalTitles: codes.regnalTitles,
  notRoman: codes.notRoman,
  zipAfter: codes.zipAfter,
  stateCodes: codes.stateCodes,
  streetTypes: addresses.streetTypes,
  directions: addresses.directions,
  stateCodesThatAreWords: addresses.codesThatAreWords,
};

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation of literal keys, longest first so "Lt. Gen." wins over "Gen.". */
export function alternation(keys: Iterable<string>): string {
  const list = [...keys];
  // Rules build their patterns from the same tables for every paragraph: each is worked out once.
  const id = list.join('\u0000');
  let pattern = alternations.get(id);
  if (pattern === undefined) {
    pattern = list
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    alternations.set(id, pattern);
  }
  return pattern;
}

const alternations = new Map<string, string>();

/** Every way a month is written → its full name. */
export const monthNames = new Map<string, string>(
  Object.entries(rules.months).flatMap(([name, forms]) => [[name, name] as const, ...forms.map((form) => [form, name] as const)]),
);

/** Every way a month is written, in any case ("JAN.", "july") → its full name. */
export function monthOf(form: string): string | undefined {
  const exact = monthNames.get(form);
  if (exact) return exact;
  const lower = form.toLowerCase();
  for (const [written, name] of monthNames) if (written.toLowerCase() === lower) return name;
  return undefined;
}

const NOT_SENTENCE_STARTS = new Set(
  [...monthNames.keys(), ...Object.entries(rules.weekdays).flat(2)].map((form) => form.replace(/\.$/, '')),
);

/**
 * Whether a new sentence starts in `rest`, the text after an abbreviation's period: nothing but
 * closing quotes or brackets follow, or a capitalized word that is not an acronym, a month or a
 * weekday ("6 in. Crews…", not "Jan. 5" or "the U.S. Senate").
 */
export function startsSentence(rest: string): boolean {
  if (/^[\s"')\]]*$/.test(rest)) return true;
  const word = /^\s+["'(]?(\p{Lu}\p{L}*)/u.exec(rest)?.[1];
  return word !== undefined && word !== word.toUpperCase() && !NOT_SENTENCE_STARTS.has(word);
}

/** The period of an abbreviation ("p.m.", "Dec.", "pct.") is said as a full stop only where a sentence ends. */
export function keptStop(written: string, rest: string): string {
  return written.endsWith('.') && startsSentence(rest) ? '.' : '';
}

const FUNCTION_WORDS = new Set([
  ...rules.determiners,
  'In',
  'On',
  'At',
  'From',
  'To',
  'Of',
  'For',
  'By',
  'With',
  'Near',
  'Into',
  'And',
  'But',
  'Or',
]);

/** A capitalized word that starts a sentence or a phrase ("The", "In"), never a name a numeral or a street belongs to. */
export function isFunctionWord(word: string): boolean {
  return FUNCTION_WORDS.has(word);
}
