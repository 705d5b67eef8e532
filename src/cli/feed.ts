import type { Command } from 'commander';
import { loadConfig } from '../commands/config.js';

interface FeedOptions {
  config?: string;
  out: string;
  json?: boolean;
}

/** `audio-edition feed`: rewrites feed.xml from the episode store, synthesizing nothing. */
export function registerFeed(program: Command): void {
  program
    .command('feed')
    .description('rewrite feed.xml from the episode store (output/episodes.json) without synthesizing')
    .option('-c, --config <file>', 'config file (default: ./audio-edition.config.json when present)')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('--json', 'print one JSON document on stdout')
    .action(async (_options: FeedOptions, command: Command) => {
      // Common options may also be declared on the program; take them from wherever they were given.
      const options = command.optsWithGlobals<FeedOptions>();
      const { config } = await loadConfig(options.config);
      const { rebuildFeed } = await import('../publish/feed.js');
      const { withOutputLock } = await import('../publish/lock.js');
      // Serialized with builds publishing into the same folder.
      const result = await withOutputLock(options.out, () => rebuildFeed({ config, outDir: options.out }));
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ feed: result.feed, episodes: result.episodes })}\n`);
      } else {
        process.stdout.write(`${result.feed} (${result.episodes} episode${result.episodes === 1 ? '' : 's'})\n`);
      }
    });
}
