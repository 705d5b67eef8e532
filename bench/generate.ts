/**
 * A made-up but realistic edition for the benchmark: news prose from a seeded generator, so
 * every run reads the same text while no two paragraphs are alike (names, places, numbers and
 * sentence shapes vary, so every clip is a different synthesis).
 */

/** mulberry32: small, fast, and the same sequence on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Maria',
  'Ahmed',
  'Lena',
  'Tomasz',
  'Grace',
  'Kenji',
  'Fatima',
  'Daniel',
  'Ingrid',
  'Samuel',
  'Priya',
  'Oleksandr',
  'Chloe',
  'Rafael',
  'Amara',
  'Viktor',
  'Hannah',
  'Luis',
  'Mei',
  'Jonas',
];
const LAST = [
  'Okafor',
  'Lindqvist',
  'Haddad',
  'Nowak',
  'Fernandes',
  'Tanaka',
  'Brennan',
  'Moreau',
  'Castillo',
  'Petrenko',
  'Osei',
  'Kowalczyk',
  'Rahman',
  'Dubois',
  'Novak',
  'Albrecht',
  'Mensah',
  'Yilmaz',
  'Sato',
  'Romero',
];
const ROLES = [
  'the finance minister',
  'a senior diplomat',
  'the opposition leader',
  'a spokesperson for the ministry',
  'the central bank governor',
  'an economist at the university',
  'the regional governor',
  'a union representative',
  'the health minister',
  'a former ambassador',
];
const PLACES = [
  'Nairobi',
  'Warsaw',
  'Lima',
  'Jakarta',
  'Accra',
  'Manila',
  'Tbilisi',
  'Montevideo',
  'Hanoi',
  'Dakar',
  'Bogota',
  'Riga',
  'Kampala',
  'Santiago',
  'Colombo',
  'Yerevan',
  'Lusaka',
  'Quito',
  'Tunis',
  'Vilnius',
];
const COUNTRIES = [
  'Kenya',
  'Poland',
  'Peru',
  'Indonesia',
  'Ghana',
  'the Philippines',
  'Georgia',
  'Uruguay',
  'Vietnam',
  'Senegal',
  'Colombia',
  'Latvia',
  'Uganda',
  'Chile',
  'Sri Lanka',
  'Armenia',
  'Zambia',
  'Ecuador',
  'Tunisia',
  'Lithuania',
];
const TOPICS = [
  'a new trade agreement',
  'the fuel subsidy reform',
  'the drought relief plan',
  'a disputed election result',
  'the port expansion',
  'a teachers strike',
  'the anti-corruption inquiry',
  'rising food prices',
  'a border dispute',
  'the new pension law',
  'the vaccination campaign',
  'a deal on fishing rights',
  'the budget shortfall',
  'flooding in the north',
  'the railway project',
];
const OUTLETS = [
  'Reuters',
  'the Associated Press',
  'Al Jazeera',
  'the BBC',
  'Bloomberg',
  'the Financial Times',
  'Agence France-Presse',
  'the Guardian',
];
const VERBS = ['announced', 'rejected', 'approved', 'postponed', 'defended', 'criticized', 'welcomed', 'questioned'];
const UNITS = ['people', 'households', 'workers', 'families', 'students', 'farmers', 'residents', 'voters'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HEADLINE_WORDS = [
  'Talks Stall',
  'A Fragile Deal',
  'Prices Climb',
  'Protests Grow',
  'Relief at Last',
  'A Risky Bet',
  'Slow Recovery',
  'New Alliances',
  'Cracks Appear',
  'A Quiet Shift',
  'Waiting Game',
  'Back to the Table',
];

export interface GeneratedEdition {
  text: string;
  articles: number;
  paragraphs: number;
  characters: number;
}

export function generateEdition(options: {
  seed: number;
  title: string;
  articles: number;
  paragraphsPerArticle: number;
  sentencesPerParagraph?: [number, number];
}): GeneratedEdition {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const number = () => {
    const kind = int(0, 4);
    if (kind === 0) return `${int(2, 98)} percent`;
    if (kind === 1) return `${int(1, 9)},${String(int(0, 999)).padStart(3, '0')} ${pick(UNITS)}`;
    if (kind === 2) return `$${int(2, 950)} million`;
    if (kind === 3) return `${int(11, 480)} ${pick(UNITS)}`;
    return `${int(1, 40)}.${int(1, 9)} billion dollars`;
  };
  const sentences = [
    () => `${person()}, ${pick(ROLES)}, said on ${pick(DAYS)} that ${pick(TOPICS)} would affect about ${number()} in ${pick(COUNTRIES)}.`,
    () => `Officials in ${pick(PLACES)} ${pick(VERBS)} ${pick(TOPICS)} after weeks of negotiations, ${pick(OUTLETS)} reported.`,
    () => `The plan, first proposed in ${pick(MONTHS)} ${int(2015, 2026)}, would cost roughly ${number()} over ${int(2, 12)} years.`,
    () => `Critics, including ${person()}, argue that ${pick(TOPICS)} does little for the ${number()} hit hardest by the crisis.`,
    () => `“We cannot wait another ${int(2, 11)} months,” ${person()} told reporters in ${pick(PLACES)}.`,
    () => `Turnout reached ${int(31, 88)} percent, the highest since ${int(1990, 2022)}, according to the electoral commission.`,
    () =>
      `Talks are expected to resume on ${pick(MONTHS)} ${int(1, 28)} in ${pick(PLACES)}, where ${pick(ROLES)} will host delegations from ${pick(COUNTRIES)} and ${pick(COUNTRIES)}.`,
    () =>
      `Prices for bread and cooking oil rose by ${int(3, 41)} percent in ${pick(MONTHS)}, while wages grew by only ${int(1, 9)} percent.`,
    () => `${pick(COUNTRIES)} has already ${pick(VERBS)} a similar measure, and ${pick(ROLES)} said the results were mixed.`,
    () => `Some ${number()} took to the streets of ${pick(PLACES)} on ${pick(DAYS)}, demanding that the government reverse course.`,
    () => `Analysts at ${pick(OUTLETS)} noted that the decision came just ${int(2, 19)} days before a key vote in parliament.`,
    () => `The agreement still needs approval from ${int(3, 27)} member states before it can take effect next year.`,
  ];
  const [fewest, most] = options.sentencesPerParagraph ?? [1, 2];
  const lines: string[] = [options.title, ''];
  let paragraphs = 0;
  for (let a = 0; a < options.articles; a++) {
    if (a > 0) lines.push('---', `${pick(COUNTRIES).replace(/^the /, 'The ')}: ${pick(HEADLINE_WORDS)}`, '');
    for (let p = 0; p < options.paragraphsPerArticle; p++) {
      const count = int(fewest, most);
      lines.push(Array.from({ length: count }, () => pick(sentences)()).join(' '), '');
      paragraphs++;
    }
  }
  const text = `${lines.join('\n')}\n`;
  return { text, articles: options.articles, paragraphs, characters: text.length };
}

/** Appends a sentence to the middle paragraph of a .txt edition: a one-paragraph edit. */
export function editOneParagraph(text: string, variant: number): string {
  const lines = text.split('\n');
  const paragraphLines: number[] = [];
  let seenTitle = false;
  let awaitingTitle = false;
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    if (/^\s*-{3,}\s*$/.test(line)) {
      awaitingTitle = true;
      return;
    }
    if (!seenTitle || awaitingTitle) {
      seenTitle = true;
      awaitingTitle = false;
      return;
    }
    paragraphLines.push(index);
  });
  const target = paragraphLines[Math.floor(paragraphLines.length / 2)]!;
  lines[target] = `${lines[target]} Officials said further details would follow within ${variant + 2} days.`;
  return lines.join('\n');
}
