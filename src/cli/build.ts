import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { createReporter } from './reporter.js';
import { addCommonOptions, displayPath, loadCommandConfig, printJson, type CommonOptions } from './shared.js';

interface BuildFlags extends CommonOptions {
  dryRun?: boolean;
  force?: boolean;
  feed: boolean;
}

export function registerBuild(program: Command): void {
  const command = program
    .command('build')
    .description('build one episode per edition file, then update the feed')
    .argument('<editions...>', 'edition files (.txt, .md, .html)')
    .option('--dry-run', 'plan and estimate cost only; write nothing')
    .option('--force', 'ignore the clip cache and synthesize everything')
    .option('--no-feed', 'do not update feed.xml');
  addCommonOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ audio-edition build editions/2026-11-25-a-little-respite.txt
  $ audio-edition build editions/*.md --engine google --voice en-US-Neural2-D
  $ audio-edition build editions/today.html --dry-run --json`,
  );
  command.action(async (files: string[], flags: BuildFlags) => {
    if (files.length === 0) throw new UsageError('no edition files given.', 'Pass one or more .txt, .md or .html files.');
    const { config, dir } = await loadCommandConfig(flags);
    const outDir = path.resolve(flags.out);
    const { buildEditions } = await import('../commands/build.js');
    const result = await buildEditions({
      files,
      config,
      configDir: dir,
      outDir,
      engine: flags.engine,
      voice: flags.voice,
      concurrency: flags.concurrency,
      force: flags.force,
      dryRun: flags.dryRun,
      feed: flags.feed,
      onEvent: createReporter({ json: flags.json }),
    });
    const shown = {
      ...(result.dryRun ? { dryRun: true } : {}),
      episodes: result.episodes.map((episode) => ({ ...episode, audio: displayPath(episode.audio) })),
      ...(result.feed ? { feed: displayPath(result.feed) } : {}),
    };
    if (flags.json) printJson(shown);
    else if (result.feed) process.stderr.write(`feed: ${displayPath(result.feed)}\n`);
  });
}
