#!/usr/bin/env node
// Bundles the browser player (src/player/) into the one self-contained, minified ES module that
// publishing copies to output/player.js: dist/player/player.js.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['src/player/player.ts'],
  outfile: 'dist/player/player.js',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  tsconfig: 'tsconfig.player.json',
  logLevel: 'warning',
});
