import type { Command } from 'commander';
import { UsageError } from '../errors.js';

interface ServeFlags {
  port?: string;
  host?: string;
  out?: string;
  json?: boolean;
}

/** `audio-edition serve`: previews the output folder as a CDN would serve it, until interrupted. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the output folder on 127.0.0.1 like a CDN (Range, HEAD, types, CORS) to check the player and feed')
    .option('--port <n>', 'port to listen on (0 picks a free one)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('-o, --out <dir>', 'output folder to serve', 'output')
    .option('--json', 'print the server and listen-page URLs as one JSON document on stdout')
    .action(async (_options: ServeFlags, command: Command) => {
      // -o may also be declared on the program; read both, the command's own value wins.
      const flags = command.optsWithGlobals<ServeFlags>();
      const port = parsePort(flags.port ?? '8080');
      const dir = flags.out ?? 'output';
      const { findListenPages, serveOutput } = await import('../commands/serve.js');
      const running = await serveOutput({ dir, host: flags.host, port });
      const pages = await findListenPages(dir);
      const urls = pages.map((slug) => `${running.url}${encodeURIComponent(slug)}/`);
      process.stderr.write(`Serving ${dir} at ${running.url} (Ctrl+C to stop)\n`);
      process.stderr.write(`Feed: ${running.url}feed.xml\n`);
      if (pages.length === 0) process.stderr.write('No listen pages yet: run `audio-edition build` first.\n');
      if (flags.json) process.stdout.write(`${JSON.stringify({ url: running.url, feed: `${running.url}feed.xml`, pages: urls })}\n`);
      else for (const url of urls) process.stdout.write(`${url}\n`);
      await waitForSignal();
      await running.close();
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(`--port must be a number from 0 to 65535, not "${value}".`, 'Pass for example --port 8080.');
  }
  return port;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
