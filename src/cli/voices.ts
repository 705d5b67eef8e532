import type { Command } from 'commander';
import { createEngine } from '../engines/index.js';
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
  $ audio-edition voices --engine google --language en-GB --json`,
  );
  command.action(async (flags: CommonOptions & { language?: string }) => {
    const { config, dir } = await loadCommandConfig(flags);
    const engine = await createEngine(flags.engine ?? config.speech.engine, { config, configDir: dir });
    try {
      const voices = await engine.voices(flags.language ? { language: flags.language } : undefined);
      if (flags.json) return printJson({ engine: engine.id, voices });
      for (const voice of voices) {
        const extra = [voice.gender, voice.family, voice.sampleRate ? `${voice.sampleRate} Hz` : undefined].filter(Boolean).join(', ');
        process.stdout.write(
          `${voice.name.padEnd(28)} ${voice.languages.join(',').padEnd(12)} ${extra}${voice.name === engine.defaultVoice ? '  (default)' : ''}\n`,
        );
      }
    } finally {
      await engine.close();
    }
  });
}
