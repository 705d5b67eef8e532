/** Web addresses and e-mail addresses, read the way a presenter would say them on air. */
import type { HeldWords } from './held.js';
import { rules } from './normalize-rules.js';
import { sayDigits } from './number-words.js';

const SPELLED = new Set(rules.spelledAcronyms.map((word) => word.toLowerCase()));
const TLDS = rules.topLevelDomains.join('|');
const TRAILING = /[.,;:!?)'"\]]+$/;

const URL = new RegExp(
  `(?<![\\w@/.-])(?:https?:\\/\\/[^\\s<>"]+|www\\.[^\\s<>"]+|(?:[a-z0-9_-]+\\.)+(?:${TLDS})(?:\\/[^\\s<>"]*)?(?![\\w@-]))`,
  'g',
);
const EMAIL = /(?<![\w.+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?![\w-])/g;

/** Digits in an address are read one by one: "abc123" → "abc one two three". */
function sayAddressDigits(part: string): string {
  return part
    .replace(/\d+/g, (digits) => ` ${sayDigits(digits)} `)
    .trim()
    .replace(/\s+/g, ' ');
}

function spell(letters: string): string {
  return letters.toUpperCase().split('').join(' ');
}

/** A host label such as "bbc" is an acronym on air; one with no vowel, or a two-letter country, is spelled too. */
function sayLabel(label: string, last = false): string {
  const lower = label.toLowerCase();
  const spelled = SPELLED.has(lower) || (/^[a-z]{2,4}$/.test(lower) && !/[aeiouy]/.test(lower)) || (last && /^[a-z]{2}$/.test(lower));
  if (spelled) return spell(lower);
  return lower
    .split('-')
    .map((part) => part.split('_').map(sayAddressDigits).join(' underscore '))
    .join(' dash ');
}

function sayHost(host: string): string {
  const labels = host.split('.').filter(Boolean);
  return labels.map((label, index) => sayLabel(label, index === labels.length - 1)).join(' dot ');
}

/** "/a/belarus-amnesty/123.html" → "slash a slash belarus dash amnesty slash one two three": read so it can be typed, the page's file type left out. */
function sayPath(path: string): string {
  const clean = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return clean
    .split('/')
    .filter(Boolean)
    .map((segment) =>
      sayAddressDigits(
        segment
          .replace(/\.(html?|php|aspx?)$/i, '')
          .replace(/-/g, ' dash ')
          .replace(/_/g, ' underscore ')
          .replace(/\./g, ' dot '),
      ),
    )
    .map((segment) => ` slash ${segment}`)
    .join('');
}

/** A written scheme is read as written: "https://" → "H T T P S colon slash slash". */
function sayScheme(url: string): string {
  const scheme = /^(https?):\/\//i.exec(url)?.[1];
  return scheme ? `${spell(scheme)} colon slash slash ` : '';
}

function sayUrl(url: string): string {
  const withoutScheme = url.replace(/^https?:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  const host = slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
  const path = slash === -1 ? '' : withoutScheme.slice(slash);
  return sayScheme(url) + sayHost(host.replace(/:\d+$/, '')) + sayPath(path);
}

function sayEmail(local: string, domain: string): string {
  const user = sayAddressDigits(local)
    .replace(/\./g, ' dot ')
    .replace(/_/g, ' underscore ')
    .replace(/-/g, ' dash ')
    .replace(/\+/g, ' plus ');
  return `${user} at ${sayHost(domain)}`;
}

export function sayWebAddresses(text: string, held: HeldWords): string {
  return text
    .replace(EMAIL, (_all, local: string, domain: string) => held.hold(sayEmail(local, domain)))
    .replace(URL, (match: string) => {
      const trailing = TRAILING.exec(match)?.[0] ?? '';
      return held.hold(sayUrl(match.slice(0, match.length - trailing.length))) + trailing;
    });
}
