import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuntimeError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';

/**
 * Where `scripts/bundle-player.js` puts the bundled player: beside this module once built
 * (`dist/publish` → `dist/player`), or under `dist/` when this file runs from source.
 */
const CANDIDATES = [
  fileURLToPath(new URL('../player/player.js', import.meta.url)),
  fileURLToPath(new URL('../../dist/player/player.js', import.meta.url)),
];

/** The embeddable player: one self-contained ES module, exactly as published. */
export async function playerSource(): Promise<string> {
  for (const candidate of CANDIDATES) {
    try {
      return await readFile(candidate, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new RuntimeError(
    'E_PLAYER_MISSING',
    `The bundled player was not found (looked for ${CANDIDATES.map((file) => path.relative(process.cwd(), file)).join(', ')}).`,
    'Run `npm run build` in the audio-edition package.',
  );
}

/**
 * Publishes the player as `<outDir>/player.js`, replacing the old one atomically. The same player
 * is left untouched, so a build that fails later changes nothing published.
 */
export async function writePlayer(outDir: string): Promise<void> {
  const file = path.join(outDir, 'player.js');
  const source = await playerSource();
  if ((await readFile(file, 'utf8').catch(() => undefined)) === source) return;
  await writeFileAtomic(file, source);
}
