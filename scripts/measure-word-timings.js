// Compares an episode's transcript.json word starts with an independent measure: pocketsphinx's
// word alignment of the episode's audio (16 kHz mono WAV, `-time yes`). Words are matched by
// text, in order (a longest common subsequence); words pocketsphinx heard differently, and
// numbers it heard as words, are left out. Prints how far apart the matched starts are.
//
//   npm run build && node scripts/measure-word-timings.js output/2026-11-25-a-little-respite [--json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alignWords, wordKey } from '../dist/text/words.js';

const [folder, ...flags] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node scripts/measure-word-timings.js <output/slug folder> [--json]');
  process.exit(2);
}

const transcript = JSON.parse(readFileSync(path.join(folder, 'transcript.json'), 'utf8'));
const temporary = mkdtempSync(path.join(os.tmpdir(), 'measure-words-'));
let heard;
try {
  const wav = path.join(temporary, 'episode.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', path.join(folder, 'episode.mp3'), '-ar', '16000', '-ac', '1', wav]);
  const printed = execFileSync('pocketsphinx_continuous', ['-infile', wav, '-time', 'yes'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });
  heard = parseAlignment(printed);
} finally {
  rmSync(temporary, { recursive: true, force: true });
}

const ours = transcript.segments;
const spans = alignWords(
  ours.map((segment) => segment.body),
  heard.map((word) => word.word),
);
const distances = [];
spans.forEach((span, i) => {
  if (span.end - span.first !== 1) return;
  const other = heard[span.first];
  if (wordKey(ours[i].body) !== wordKey(other.word)) return;
  distances.push(Math.abs(ours[i].startTime - other.start));
});
distances.sort((a, b) => a - b);
const ms = (seconds) => Math.round(seconds * 1000);
const report = {
  transcriptWords: ours.length,
  heardWords: heard.length,
  matched: distances.length,
  medianMs: ms(quantile(distances, 0.5)),
  p90Ms: ms(quantile(distances, 0.9)),
  meanMs: ms(distances.reduce((sum, d) => sum + d, 0) / Math.max(1, distances.length)),
  within50Ms: distances.filter((d) => d <= 0.05).length,
};
if (flags.includes('--json')) console.log(JSON.stringify(report));
else {
  console.log(
    `words: ${report.transcriptWords} in transcript.json, ${report.heardWords} heard by pocketsphinx, ${report.matched} matched by text`,
  );
  console.log(`start distance: median ${report.medianMs} ms, 90th percentile ${report.p90Ms} ms, mean ${report.meanMs} ms`);
  console.log(`within 50 ms: ${report.within50Ms} of ${report.matched}`);
}

/** Word lines of `-time yes`: `word start end confidence`; markers and fillers dropped. */
function parseAlignment(printed) {
  const words = [];
  for (const line of printed.split('\n')) {
    const match = /^(\S+) (\d+\.\d+) (\d+\.\d+) (\S+)$/.exec(line.trim());
    if (!match || /^(<s>|<\/s>|<sil>|\[.*\]|\+\+.*\+\+)$/.test(match[1])) continue;
    words.push({ word: match[1].replace(/\(\d+\)$/, ''), start: Number(match[2]), end: Number(match[3]) });
  }
  return words;
}

function quantile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}
