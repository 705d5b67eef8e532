// Each command loads its library only when it runs, so `--help` and every other command start
// without the build's, server's or doctor's modules.
import { Command, CommanderError } from 'commander';
import { isAudioEditionError, redactSecrets, toDiskError } from '../errors.js';
import { registerBuild } from './build.js';
import { registerDoctor } from './doctor.js';
import { registerFeed } from './feed.js';
import { clearLine, Interrupted } from './interrupt.js';
import { registerPreview } from './preview.js';
import { registerPublish } from './publish.js';
import { registerServe } from './serve.js';
import { registerVoices } from './voices.js';

/** Examples for commands whose files do not carry their own. */
const EXAMPLES: Record<string, string[]> = {
  feed: ['audio-edition feed', 'audio-edition feed -o public/audio --json'],
  serve: ['audio-edition serve', 'audio-edition serve --port 9000 -o public/audio'],
};

export function createProgram(): Command {
  const program = new Command('audio-edition')
    .description("Turns the day's edition into a podcast episode, a feed and an embeddable player.")
    .version(process.env.npm_package_version ?? '0.1.0')
    .option('--debug', 'print stack traces for errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerBuild(program);
  registerFeed(program);
  registerVoices(program);
  registerPreview(program);
  registerServe(program);
  registerPublish(program);
  registerDoctor(program);
  for (const command of program.commands) {
    command.exitOverride();
    const examples = EXAMPLES[command.name()];
    if (examples) command.addHelpText('after', `\nExamples:\n${examples.map((line) => `  $ ${line}`).join('\n')}`);
  }
  program.addHelpText(
    'after',
    `
Examples:
  $ audio-edition build editions/2026-11-25-a-little-respite.txt
  $ audio-edition preview editions/today.md --article 2 --paragraph 3 -o check.mp3
  $ audio-edition serve --port 8080
  $ audio-edition publish --dry-run
  $ audio-edition doctor`,
  );
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  // Libraries' process warnings (experimental WASI, a metadata-server probe when not on a cloud host)
  // are noise on an editor's terminal; --debug shows them.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (debug) process.stderr.write(`debug: ${warning.name}: ${redactSecrets(warning.message)}\n`);
  });
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = report(error, debug);
    // Stopped on request, with its clean-up done: what still pends (a request in flight whose
    // answer nobody waits for) goes with the process rather than keeping it alive.
    if (error instanceof Interrupted) process.exit(error.exitCode);
  }
}

function report(thrown: unknown, debug: boolean): number {
  if (thrown instanceof CommanderError) {
    // Help and version exit 0; commander has already printed its own message for the rest.
    return thrown.exitCode === 0 ? 0 : 2;
  }
  // Asked to stop, and stopped: not a failure, and no stack even with --debug.
  if (thrown instanceof Interrupted) {
    process.stderr.write(`${clearLine()}interrupted: ${thrown.message}\n`);
    return thrown.exitCode;
  }
  // A full, read-only or forbidden disk is a runtime failure wherever it surfaced, never a bug.
  const error = toDiskError(thrown) ?? thrown;
  if (isAudioEditionError(error)) {
    process.stderr.write(`error: ${redactSecrets(error.toLine())}\n`);
    if (debug && error.stack) process.stderr.write(`${redactSecrets(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `error: ${redactSecrets(message.split('\n')[0] ?? '')} (this is a bug in audio-edition${debug ? '' : '; run with --debug for details'})\n`,
  );
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${redactSecrets(error.stack)}\n`);
  return 1;
}
