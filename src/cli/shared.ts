import path from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../commands/config.js';
import { describeEngines } from '../engines/index.js';
import { UsageError } from '../errors.js';

/** Options every command shares (SPEC: common options). */
export interface CommonOptions {
  config?: string;
  out: string;
  engine?: string;
  voice?: string;
  concurrency?: number;
  json?: boolean;
  debug?: boolean;
}

export function parseCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > 64)
    throw new UsageError(
      `--concurrency must be a whole number from 1 to 64, not "${value}".`,
      'Pass a count such as --concurrency 4, or leave it out.',
    );
  return number;
}

export function addCommonOptions(command: Command, which: { engine?: boolean; out?: boolean } = {}): Command {
  command.option('-c, --config <file>', 'config file (default: ./audio-edition.config.json when present)');
  if (which.out !== false) command.option('-o, --out <dir>', 'output folder', 'output');
  if (which.engine !== false) {
    command
      .option('--engine <id>', engineHelp())
      .option('--voice <name>', 'voice name (see `audio-edition voices`)')
      .addOption(new Option('--concurrency <n>', 'parallel synthesis requests').argParser(parseCount));
  }
  command.option('--json', 'print one JSON document on stdout; logs go to stderr');
  return command;
}

/** `speech engine: …`, listing every registered engine. */
export function engineHelp(): string {
  return `speech engine: ${describeEngines()}`;
}

export async function loadCommandConfig(options: { config?: string }): Promise<LoadedConfig> {
  return loadConfig(options.config);
}

/** Paths printed to users stay relative to where they ran the command. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
