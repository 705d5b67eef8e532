import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { displayPath, loadCommandConfig, parseCount, printJson } from './shared.js';

interface PreviewFlags {
  config?: string;
  out?: string;
  article?: number;
  paragraph?: number;
  text?: string;
  engine?: string;
  voice?: string;
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
    .option('-o, --out <file.mp3>', 'where to write the MP3', 'preview.mp3')
    .option('-c, --config <file>', 'config file (default: ./audio-edition.config.json when present)')
    .option('--engine <id>', 'speech engine: flite or google')
    .option('--voice <name>', 'voice name')
    .addOption(new Option('--concurrency <n>', 'parallel synthesis requests').argParser(parseCount).hideHelp())
    .option('--json', 'print one JSON document on stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ audio-edition preview editions/2026-11-25-a-little-respite.txt --paragraph 1 -o p1.mp3
  $ audio-edition preview --text "Alexander Lukashenko spoke on Tuesday." -o name.mp3`,
    )
    .action(async (file: string | undefined, flags: PreviewFlags) => {
      const { config, dir } = await loadCommandConfig(flags);
      const { renderPreview } = await import('../commands/preview.js');
      const result = await renderPreview({
        config,
        configDir: dir,
        outFile: flags.out ?? 'preview.mp3',
        file,
        text: flags.text,
        article: flags.article,
        paragraph: flags.paragraph,
        engine: flags.engine,
        voice: flags.voice,
      });
      const shown = { ...result, file: displayPath(result.file) };
      if (flags.json) printJson(shown);
      else
        process.stderr.write(
          `${shown.file}: ${result.durationSeconds.toFixed(1)}s (${result.clips.synthesized} synthesized, ${result.clips.cached} cached)\n`,
        );
    });
}
