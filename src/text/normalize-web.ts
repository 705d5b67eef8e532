/** Web addresses and e-mail addresses, read the way a presenter would say them on air. */
import { rules } from './normalize-rules.js';

const SPELLED = new Set(rules.spelledAcronyms.map((word) => word.toLowerCase()));
const TLDS = rules.topLevelDomains.join('|');
const TRAILING = /[.,;:!?)'"\]]+$/;

const URL = new RegExp(
  `(?<![\\w@/.-])(?:https?:\\/\\/[^\\s<>"]+|www\\.[^\\s<>"]+|(?:[a-z0-9-]+\\.)+(?:${TLDS})(?:\\/[^\\s<>"]*)?(?![\\w@-]))`,
  'g',
);
const EMAIL = /(?<![\w.+-])([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?![\w-])/g;

/** A host label such as "bbc" is an acronym on air; one with no vowel is spelled too. */
function sayLabel(label: string): string {
  const lower = label.toLowerCase();
  if (SPELLED.has(lower) || (/^[a-z]{2,4}$/.test(lower) && !/[aeiouy]/.test(lower))) return lower.toUpperCase().split('').join(' ');
  return lower.split('-').join(' dash ');
}

function sayHost(host: string): string {
  return host
    .replace(/^www\./i, '')
    .split('.')
    .filter(Boolean)
    .map(sayLabel)
    .join(' dot ');
}

function sayPath(path: string): string {
  const clean = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return clean
    .split('/')
    .filter(Boolean)
    .map((segment) =>
      segment
        .replace(/\.(html?|php|aspx?)$/i, '')
        .replace(/[-_]+/g, ' ')
        .replace(/\./g, ' dot '),
    )
    .map((segment) => ` slash ${segment}`)
    .join('');
}

function sayUrl(url: string): string {
  const withoutScheme = url.replace(/^https?:\/\//i, '');
  const slash = withoutScheme.indexOf('/');
  const host = slash === -1 ? withoutScheme : withoutScheme.slice(0, slash);
  const path = slash === -1 ? '' : withoutScheme.slice(slash);
  return sayHost(host.replace(/:\d+$/, '')) + sayPath(path);
}

function sayEmail(local: string, domain: string): string {
  const user = local.replace(/\./g, ' dot ').replace(/_/g, ' underscore ').replace(/-/g, ' dash ').replace(/\+/g, ' plus ');
  return `${user} at ${sayHost(domain)}`;
}

export function normalizeWeb(text: string): string {
  return text
    .replace(EMAIL, (_all, local: string, domain: string) => sayEmail(local, domain))
    .replace(URL, (match: string) => {
      const trailing = TRAILING.exec(match)?.[0] ?? '';
      return sayUrl(match.slice(0, match.length - trailing.length)) + trailing;
    });
}
