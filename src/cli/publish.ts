import path from 'node:path';
import type { Command } from 'commander';
import type { PublishEvent, PublishResult } from '../commands/publish.js';
import type { Config } from '../config/schema.js';
import { FEED_FILE } from '../publish/urls.js';
import { untilInterrupted } from './interrupt.js';
import { loadCommandConfig, printJson } from './shared.js';

interface PublishFlags {
  config?: string;
  out: string;
  dryRun?: boolean;
  delete?: boolean;
  cors?: boolean;
  json?: boolean;
}

export function registerPublish(program: Command): void {
  program
    .command('publish')
    .description('upload output/ to publish.target: only what changed, audio before pages, feed.xml last')
    .option('-c, --config <file>', 'config file (default: ./audio-edition.config.json when present)')
    .option('-o, --out <dir>', 'output folder', 'output')
    .option('--dry-run', 'list what would be uploaded and deleted; change nothing')
    .option('--delete', 'after the new feed is up, delete objects output/ no longer has')
    .option('--cors', "set the bucket's CORS rules so the player works embedded on other sites")
    .option('--json', 'print one JSON document on stdout; logs go to stderr')
    .addHelpText(
      'after',
      '\nExamples:\n  $ audio-edition publish --dry-run\n  $ audio-edition publish --json\n  $ audio-edition publish --delete --cors',
    )
    .action(async (flags: PublishFlags) => {
      const { config, dir } = await loadCommandConfig(flags);
      const progress = newPublishProgress();
      const result = await untilInterrupted(
        (signal) => runPublish(config, dir, flags, { signal, progress }),
        () => describeStoppedPublish(progress),
      );
      if (flags.json) printJson(result);
    });
}

/** How far an upload got, for the line printed when it is stopped. */
export interface PublishProgress {
  uploaded: number;
  feedUploaded: boolean;
}

export function newPublishProgress(): PublishProgress {
  return { uploaded: 0, feedUploaded: false };
}

/** What an editor needs to know about a publish that was stopped. */
export function describeStoppedPublish(progress: PublishProgress): string {
  if (progress.feedUploaded)
    return 'stopped the publish after the new feed went up; some deletions were not made. Run `audio-edition publish --delete` to finish.';
  return `stopped the publish before feed.xml (${progress.uploaded} file${progress.uploaded === 1 ? '' : 's'} uploaded); the bucket still serves its previous feed. Run \`audio-edition publish\` to finish.`;
}

/** Publishes and reports on stderr; shared by `publish` and `build --publish`. */
export async function runPublish(
  config: Config,
  configDir: string,
  flags: Pick<PublishFlags, 'out' | 'dryRun' | 'delete' | 'cors' | 'json'>,
  run: { signal?: AbortSignal; progress?: PublishProgress } = {},
): Promise<PublishResult> {
  const { publishOutput } = await import('../commands/publish.js');
  const result = await publishOutput({
    config,
    configDir,
    outDir: path.resolve(flags.out),
    dryRun: flags.dryRun,
    delete: flags.delete,
    cors: flags.cors,
    signal: run.signal,
    onEvent: (event) => {
      if (run.progress && event.type === 'upload') {
        run.progress.uploaded++;
        if (event.key === FEED_FILE) run.progress.feedUploaded = true;
      }
      if (!flags.json) reportEvent(event);
    },
  });
  if (!flags.json) {
    const verb = result.dryRun ? 'would upload' : 'uploaded';
    process.stderr.write(
      `${result.target}: ${verb} ${result.uploaded.length} file${result.uploaded.length === 1 ? '' : 's'} (${result.bytes} bytes), ` +
        `${result.unchanged} unchanged, ${result.dryRun ? 'would delete' : 'deleted'} ${result.deleted.length}\n`,
    );
    if (result.dryRun) for (const key of result.uploaded) process.stderr.write(`  upload ${key}\n`);
    if (result.dryRun) for (const key of result.deleted) process.stderr.write(`  delete ${key}\n`);
  }
  return result;
}

function reportEvent(event: PublishEvent): void {
  if (event.type === 'upload') process.stderr.write(`uploaded ${event.key} (${event.done}/${event.total})\n`);
  if (event.type === 'delete') process.stderr.write(`deleted ${event.key}\n`);
}
