import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { untilInterrupted } from './interrupt.js';
import { displayPath, engineHelp, loadCommandConfig, parseCount, printJson } from './shared.js';

interface PreviewFlags {
  config?: string;
  out?: string;
  article?: number;
  paragraph?: number;
  text?: string;
  engine?: string;
  voice?: string;
  concurrency?: number;
  dryRun?: boolean;
  json?: boolean;
}

function parseIndex(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`expected a number from 1, not "${value}".`, 'Pass a whole number such as 1.');
  return number;
}

export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('render one article, paragraph or line of text to an MP3, to hear a pronunciation fix')
    .argument('[edition]', 'edition file (.txt, .md, .html)')
    .addOption(new Option('--article <n>', 'article number, from 1 (default 1)').argParser(parseIndex))
    .addOption(new Option('--paragraph <n>', 'paragraph number within the article, from 1').argParser(parseIndex))
    .option('--text <text>', 'read this text instead of an edition')
    .option('--dry-run', 'synthesize nothing; print what the engine would be sent for each paragraph')
    .option('-o, --out <file.mp3>', 'where to write the MP3', 'preview.mp3')
    .option('-c, --config <file>', 'config file (default: ./audio-edition.config.json when present)')
    .option('--engine <id>', engineHelp())
    .option('--voice <name>', 'voice name (see `audio-edition voices`)')
    .addOption(new Option('--concurrency <n>', 'parallel synthesis requests').argParser(parseCount))
    .option('--json', 'print one JSON document on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ audio-edition preview editions/2026-11-25-a-little-respite.txt --paragraph 1 -o p1.mp3
  $ audio-edition preview editions/2026-11-25-a-little-respite.txt --article 1 --dry-run
  $ audio-edition preview --text "Alexander Lukashenko spoke on Tuesday." -o name.mp3`,
    )
    .action(async (file: string | undefined, flags: PreviewFlags) => {
      const { config, dir } = await loadCommandConfig(flags);
      const { renderPreview } = await import('../commands/preview.js');
      const common = {
        config,
        configDir: dir,
        file,
        text: flags.text,
        article: flags.article,
        paragraph: flags.paragraph,
        engine: flags.engine,
        voice: flags.voice,
        concurrency: flags.concurrency,
        onWarning: (message: string) => process.stderr.write(`warning: ${message}\n`),
      };
      if (flags.dryRun) {
        const plan = await renderPreview({ ...common, dryRun: true });
        if (flags.json) return printJson(plan);
        process.stderr.write(`${plan.engine}, voice ${plan.voice}: what each paragraph sends\n`);
        for (const paragraph of plan.paragraphs) process.stdout.write(`${paragraph.id}: ${paragraph.sent.replace(/\n/g, '\n    ')}\n`);
        return;
      }
      const outFile = flags.out ?? 'preview.mp3';
      const result = await untilInterrupted(
        (signal) => renderPreview({ ...common, outFile, signal }),
        () => `stopped the preview; ${outFile} was not written.`,
      );
      const shown = { ...result, file: displayPath(result.file) };
      if (flags.json) printJson(shown);
      else
        process.stderr.write(
          `${shown.file}: ${result.durationSeconds.toFixed(1)}s (${result.clips.synthesized} synthesized, ${result.clips.cached} cached)\n`,
        );
    });
}
