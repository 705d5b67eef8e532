import path from 'node:path';
import type { Command } from 'commander';
import { ConfigError, UsageError } from '../errors.js';
import { untilInterrupted } from './interrupt.js';
import { describeStoppedPublish, newPublishProgress, type PublishProgress, runPublish } from './publish.js';
import { createReporter } from './reporter.js';
import { addCommonOptions, displayPath, loadCommandConfig, printJson, type CommonOptions } from './shared.js';

interface BuildFlags extends CommonOptions {
  dryRun?: boolean;
  force?: boolean;
  feed: boolean;
  publish?: boolean;
}

export function registerBuild(program: Command): void {
  const command = program
    .command('build')
    .description('build one episode per edition file, then update the feed')
    .argument('<editions...>', 'edition files (.txt, .md, .html)')
    .option('--dry-run', 'plan and estimate cost only; write nothing')
    .option('--force', 'ignore the clip cache and synthesize everything')
    .option('--no-feed', 'do not update feed.xml')
    .option('--publish', 'then upload output/ to publish.target, as `publish` does');
  addCommonOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ audio-edition build editions/2026-11-25-a-little-respite.txt
  $ audio-edition build editions/*.md --engine <id> --voice <name>
  $ audio-edition build editions/today.html --dry-run --json
  $ audio-edition build editions/today.md --publish`,
  );
  command.action(async (files: string[], flags: BuildFlags) => {
    if (files.length === 0) throw new UsageError('no edition files given.', 'Pass one or more .txt, .md or .html files.');
    const { config, dir } = await loadCommandConfig(flags);
    // Checked before anything is synthesized, not after.
    if (flags.publish && !config.publish.target)
      throw new ConfigError(
        'E_PUBLISH_TARGET',
        'publish.target is not set.',
        'Add "publish": { "target": "s3://BUCKET/PREFIX/" } to the config.',
      );
    const outDir = path.resolve(flags.out);
    const { buildEditions } = await import('../commands/build.js');
    const report = createReporter({ json: flags.json });
    const published: string[] = [];
    let upload: PublishProgress | undefined;
    const { result, publishResult } = await untilInterrupted(
      async (signal) => {
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
          signal,
          onEvent: (event) => {
            if (event.type === 'episode') published.push(event.episode.slug);
            report(event);
          },
        });
        // A dry run publishes nothing either; it plans the build only.
        if (!flags.publish || result.dryRun) return { result };
        upload = newPublishProgress();
        return { result, publishResult: await runPublish(config, dir, flags, { signal, progress: upload }) };
      },
      () => describeStoppedBuild(published, upload, flags.out),
    );
    const shown = {
      ...(result.dryRun ? { dryRun: true } : {}),
      episodes: result.episodes.map((episode) => ({ ...episode, audio: displayPath(episode.audio) })),
      ...(result.feed ? { feed: displayPath(result.feed) } : {}),
      ...(publishResult ? { publish: publishResult } : {}),
    };
    if (flags.json) printJson(shown);
    else if (result.feed) process.stderr.write(`feed: ${displayPath(result.feed)}\n`);
  });
}

/** What an editor needs to know about a build that was stopped, and what to do next. */
function describeStoppedBuild(published: string[], upload: PublishProgress | undefined, out: string): string {
  if (upload) return `built ${published.join(', ')}, then ${describeStoppedPublish(upload)}`;
  if (published.length === 0)
    return `stopped the build; nothing in ${out} was changed. Run the same command again to resume from the cache.`;
  return `stopped the build after publishing ${published.join(', ')}; nothing else in ${out} was changed. Run the same command again to build the rest from the cache.`;
}
