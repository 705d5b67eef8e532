/**
 * What Google charges, for `build --dry-run`.
 *
 * List prices in USD per million characters (or bytes, see BILLED_BY_BYTE) from
 * https://cloud.google.com/text-to-speech/pricing as published in mid-2025 (checked 2025-06).
 * Monthly free tiers (4 M for Standard/WaveNet, 1 M for Neural2 and Chirp, 100 k for Studio)
 * are not subtracted, so the estimate is what a build costs once the free tier is used up.
 * Newsrooms with negotiated prices override any row with `engines.google.pricing`.
 */
export const GOOGLE_LIST_PRICES = {
  Standard: 4,
  WaveNet: 4,
  Neural2: 16,
  Polyglot: 16,
  // News and Casual voices are billed on the Neural2 SKU.
  News: 16,
  Casual: 16,
  Studio: 160,
  'Chirp HD': 30,
  'Chirp 3 HD': 30,
  // Journey voices were folded into Chirp HD and are billed like it.
  Journey: 30,
} as const satisfies Record<string, number>;

export type GoogleVoiceFamily = keyof typeof GOOGLE_LIST_PRICES;

/** A family the table does not know yet is priced like the dearest non-Studio voices, so estimates err high. */
const UNKNOWN_FAMILY_PRICE = 30;

/** These SKUs count UTF-8 bytes, not characters: accents and curly quotes cost more than one. */
const BILLED_BY_BYTE: ReadonlySet<GoogleVoiceFamily> = new Set(['Neural2', 'Polyglot', 'Studio', 'News', 'Casual']);

const FAMILY_PATTERNS: Array<[RegExp, GoogleVoiceFamily]> = [
  [/-Chirp3-HD-/i, 'Chirp 3 HD'],
  [/-Chirp-HD-/i, 'Chirp HD'],
  [/-Journey-/i, 'Journey'],
  [/-Studio-/i, 'Studio'],
  [/-Neural2-/i, 'Neural2'],
  [/-Polyglot-/i, 'Polyglot'],
  [/-News-/i, 'News'],
  [/-Casual-/i, 'Casual'],
  [/-Wavenet-/i, 'WaveNet'],
  [/-Standard-/i, 'Standard'],
];

/** The family a voice belongs to, read from its name (`en-US-Neural2-D` → Neural2). */
export function findVoiceFamily(voice: string): GoogleVoiceFamily | undefined {
  return FAMILY_PATTERNS.find(([pattern]) => pattern.test(voice))?.[1];
}

/**
 * What one request is billed for: the input as sent, SSML tags included (Google counts SSML
 * markup as input). That includes the `<mark/>` before every word that times the words: about
 * 17 characters a word, so an SSML voice's requests bill some three times their text.
 */
export function countBilledCharacters(input: string, voice: string): number {
  const family = findVoiceFamily(voice);
  if (family && BILLED_BY_BYTE.has(family)) return Buffer.byteLength(input, 'utf8');
  return [...input].length;
}

/**
 * USD per million billed characters for a voice. Overrides are keyed by family name
 * (`"Neural2"`) or by full voice name (`"en-US-Studio-O"`), the voice name winning.
 */
export function findPricePerMillion(voice: string, overrides: Readonly<Record<string, number>> = {}): number {
  const family = findVoiceFamily(voice);
  if (Object.hasOwn(overrides, voice)) return overrides[voice]!;
  if (family && Object.hasOwn(overrides, family)) return overrides[family]!;
  return family ? GOOGLE_LIST_PRICES[family] : UNKNOWN_FAMILY_PRICE;
}

export function estimateGoogleCostUsd(billedCharacters: number, voice: string, overrides?: Readonly<Record<string, number>>): number {
  return (billedCharacters / 1_000_000) * findPricePerMillion(voice, overrides);
}
