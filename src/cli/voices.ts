import type { Command } from 'commander';
import { addCommonOptions, loadCommandConfig, printJson, type CommonOptions } from './shared.js';

export function registerVoices(program: Command): void {
  const command = program
    .command('voices')
    .description('list the voices an engine offers')
    .option('--language <code>', 'only voices for this language, e.g. en or en-US');
  addCommonOptions(command, { out: false });
  command.addHelpText(
    'after',
    `
Examples:
  $ audio-edition voices
  $ audio-edition voices --engine <id> --language en-GB --json`,
  );
  command.action(async (flags: CommonOptions & { language?: string }) => {
    const { config, dir } = await loadCommandConfig(flags);
    const { listVoices } = await import('../commands/voices.js');
    const list = await listVoices({ config, configDir: dir, engine: flags.engine, language: flags.language });
    if (flags.json) return printJson({ engine: list.engine, voices: list.voices });
    for (const voice of list.voices) {
      const extra = [voice.gender, voice.family, voice.sampleRate ? `${voice.sampleRate} Hz` : undefined].filter(Boolean).join(', ');
      process.stdout.write(
        `${voice.name.padEnd(28)} ${voice.languages.join(',').padEnd(12)} ${extra}${voice.name === list.defaultVoice ? '  (default)' : ''}\n`,
      );
    }
  });
}
