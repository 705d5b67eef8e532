/**
 * A service account's private key never reaches the terminal: not from `build`, `voices`,
 * `preview` or `doctor`, not in JSON, not with `--debug`, whether the token exchange cannot
 * connect or the service answers UNAUTHENTICATED, and not when the key file itself is broken.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, runCli, SAMPLE, type CliResult } from './helpers/cli.js';
import { startFakeGoogleServer, startMetadataTrap, type FakeGoogleServer, type MetadataTrap } from './helpers/google-server.js';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const PRIVATE_KEY_ID = 'f3c1d2e4b5a6978877665544332211ffeeddccbb';
/** The PEM's base64 body, line by line: none of it may be printed, even in part of a dump. */
const bodyLines = privateKey.split('\n').filter((line) => line && !line.startsWith('-----'));

let work: { dir: string; config: string; out: string };
let server: FakeGoogleServer;
let trap: MetadataTrap;
let closedPort: number;
let keyFile: string;

/** A port nothing listens on: the token exchange there is refused at once. */
async function findClosedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  server = await startFakeGoogleServer();
  server.control.schedule = [];
  trap = await startMetadataTrap();
  closedPort = await findClosedPort();
  work = await makeWorkspace();
  keyFile = path.join(work.dir, 'service-account.json');
  await writeFile(
    keyFile,
    JSON.stringify(
      {
        type: 'service_account',
        project_id: 'newsroom-audio',
        private_key_id: PRIVATE_KEY_ID,
        private_key: privateKey,
        client_email: 'audio-edition@newsroom-audio.iam.gserviceaccount.com',
        client_id: '123456789012345678901',
        auth_uri: `http://127.0.0.1:${closedPort}/auth`,
        token_uri: `http://127.0.0.1:${closedPort}/token`,
      },
      null,
      2,
    ),
  );
});
afterAll(async () => {
  await server.close();
  await trap.close();
  await rm(work.dir, { recursive: true, force: true });
});

/** A config that uses the key file for real (TLS, not insecure) against `port`. */
async function configFor(name: string, port: number, keyFilename: string | undefined = 'service-account.json'): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const config = JSON.parse(await readFile(work.config, 'utf8'));
  config.speech = { ...config.speech, engine: 'google', voice: undefined };
  config.engines = {
    google: {
      apiEndpoint: '127.0.0.1',
      port,
      insecure: false,
      voice: 'en-US-Neural2-D',
      timeoutSeconds: 3,
      ...(keyFilename ? { keyFilename } : {}),
    },
  };
  const file = path.join(work.dir, name);
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(args, { cwd: work.dir, env: { GCE_METADATA_HOST: trap.host, ...env }, timeoutMs: 60_000 });

function expectNoSecret(result: CliResult, label: string): void {
  const output = `${result.stdout}\n${result.stderr}`;
  expect(output, label).not.toContain('PRIVATE KEY');
  expect(output, label).not.toContain(PRIVATE_KEY_ID);
  for (const line of bodyLines) expect(output.includes(line), `${label}: a line of the key's body was printed`).toBe(false);
  // Shorter runs of the body too, in case a message cut or re-wrapped it.
  const body = bodyLines.join('');
  for (let start = 0; start + 24 <= body.length; start += 97) expect(output.includes(body.slice(start, start + 24)), label).toBe(false);
}

describe('the private key of a service-account file never appears in any output', () => {
  it('build, voices and preview against a token endpoint that refuses connections, with and without --debug and --json', async () => {
    const config = await configFor('closed.config.json', closedPort);
    const commands = [
      ['build', SAMPLE, '-c', config, '-o', work.out],
      ['build', SAMPLE, '-c', config, '-o', work.out, '--json'],
      ['build', SAMPLE, '-c', config, '-o', work.out, '--debug'],
      ['build', SAMPLE, '-c', config, '-o', work.out, '--json', '--debug'],
      ['voices', '--engine', 'google', '-c', config, '--debug'],
      ['preview', '--text', 'A word.', '--engine', 'google', '-c', config, '-o', path.join(work.dir, 'p.mp3'), '--debug'],
    ];
    for (const args of commands) {
      const result = await run(args);
      expect(result.code, `${args.join(' ')}\n${result.stderr}`).not.toBe(0);
      expect(result.stderr.length).toBeGreaterThan(0);
      expectNoSecret(result, args.join(' '));
    }
  });

  it('build against a service that answers UNAUTHENTICATED, key from GOOGLE_APPLICATION_CREDENTIALS', async () => {
    // The fake server speaks plaintext; pointing a TLS client at it fails the handshake, which is
    // as close as the token exchange gets. The service's UNAUTHENTICATED answer is exercised with
    // the key in the environment through the insecure channel, where the key must not be read at all.
    const config = await configFor('env.config.json', closedPort, undefined);
    for (const debug of [[], ['--debug']]) {
      const result = await run(['build', SAMPLE, '-c', config, '-o', work.out, ...debug], { GOOGLE_APPLICATION_CREDENTIALS: keyFile });
      expect(result.code).not.toBe(0);
      expectNoSecret(result, `env ${debug.join(' ')}`);
    }
    const insecure = await configFor('insecure.config.json', server.port, 'service-account.json');
    const json = JSON.parse(await (await import('node:fs/promises')).readFile(insecure, 'utf8'));
    json.engines.google.insecure = true;
    await writeFile(insecure, JSON.stringify(json));
    server.control.schedule = Array.from({ length: 40 }, () => 'UNAUTHENTICATED' as const);
    const result = await run(['build', SAMPLE, '-c', insecure, '-o', work.out, '--debug'], { GOOGLE_APPLICATION_CREDENTIALS: keyFile });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/did not accept the credentials/);
    expectNoSecret(result, 'UNAUTHENTICATED');
    server.reset();
  });

  it('doctor, doctor --json and doctor --debug', async () => {
    const config = await configFor('doctor.config.json', closedPort);
    for (const extra of [[], ['--json'], ['--debug'], ['--json', '--debug']]) {
      const result = await run(['doctor', '-c', config, '-o', work.out, ...extra]);
      expect([0, 1]).toContain(result.code);
      expect(result.stdout).toContain('google');
      if (extra.includes('--json')) JSON.parse(result.stdout);
      expectNoSecret(result, `doctor ${extra.join(' ')}`);
    }
  });

  it('a key file that is broken (truncated JSON, or a bare PEM) is reported without its contents', async () => {
    await writeFile(
      path.join(work.dir, 'truncated.json'),
      JSON.stringify({ type: 'service_account', private_key: privateKey, client_email: 'a@b.iam.gserviceaccount.com' }).slice(0, -40),
    );
    await writeFile(path.join(work.dir, 'bare.pem'), privateKey);
    await writeFile(
      path.join(work.dir, 'bad-key.json'),
      JSON.stringify({
        type: 'service_account',
        private_key: privateKey.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n!!!\n'),
        client_email: 'a@b.iam.gserviceaccount.com',
        token_uri: `http://127.0.0.1:${closedPort}/token`,
      }),
    );
    for (const key of ['truncated.json', 'bare.pem', 'bad-key.json']) {
      const config = await configFor(`${key}.config.json`, closedPort, key);
      for (const args of [['build', SAMPLE, '--debug'], ['doctor', '--json', '--debug'], ['doctor']]) {
        const result = await run([...args, '-c', config, '-o', work.out]);
        // doctor checks the key's shape without parsing it, so a damaged body may pass its check.
        if (args[0] === 'build' || key !== 'bad-key.json') expect(result.code, `${key} ${args.join(' ')}\n${result.stderr}`).not.toBe(0);
        expectNoSecret(result, `${key} ${args.join(' ')}`);
      }
    }
  });
});
