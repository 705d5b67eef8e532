#!/usr/bin/env node
// `npm run bench`: compiles the benchmark (bench/*.ts and the fake Google server it borrows from
// the tests) into bench/dist, makes sure the CLI itself is built, then runs it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compile = (project) => execFileSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });

if (!existsSync(path.join(root, 'dist/cli/index.js')) || process.argv.includes('--build')) {
  compile('tsconfig.json');
  execFileSync(process.execPath, ['scripts/bundle-player.js'], { cwd: root, stdio: 'inherit' });
}
compile('bench/tsconfig.json');
const { main } = await import('./dist/bench/main.js');
process.exitCode = await main(process.argv.slice(2));
