import path from 'node:path';
import type { Command } from 'commander';
import { loadCommandConfig, printJson } from './shared.js';

const MARKS = { ok: '✔', warn: '!', fail: '✘' } as const;

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check ffmpeg, engines, credentials and config, and say what to fix')
    .option('-c, --config <file>', 'config file (default: ./audio-edition.config.json when present)')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('--json', 'print one JSON document on stdout')
    .addHelpText('after', '\nExamples:\n  $ audio-edition doctor\n  $ audio-edition doctor -c newsroom.config.json --json')
    .action(async (flags: { config?: string; out: string; json?: boolean }) => {
      const { config, dir, file } = await loadCommandConfig(flags);
      const { runDoctor } = await import('../commands/doctor.js');
      const result = await runDoctor({ config, configDir: dir, configFile: file, outDir: path.resolve(flags.out) });
      if (flags.json) printJson(result);
      else {
        for (const check of result.checks) {
          process.stdout.write(`${MARKS[check.status]} ${check.name}: ${check.detail}\n`);
          if (check.fix) process.stdout.write(`    fix: ${check.fix}\n`);
        }
        process.stdout.write(result.ok ? 'Ready to build.\n' : 'Something above blocks a build.\n');
      }
      if (!result.ok) process.exitCode = 1;
    });
}
