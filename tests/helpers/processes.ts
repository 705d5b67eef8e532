import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { BIN } from './cli.js';

/**
 * The built CLI started in the background, watched from /proc, so a test can signal it mid-work
 * and then prove that nothing it started outlived it. Only the CLI's own process tree is read
 * and signalled: other builds run on the same machine.
 */

/** A process as /proc shows it: its parent, and its start time (so a reused pid is not mistaken for it). */
interface ProcessEntry {
  ppid: number;
  start: string;
  command: string;
  /** `Z` once it has exited and only its exit status waits to be collected. */
  state: string;
}

function readProcess(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces; the fields after it are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      state: fields[0]!,
      ppid: Number(fields[1]),
      start: fields[19]!,
      command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    };
  } catch {
    return undefined;
  }
}

/** Every process below `root` right now (children, grandchildren, …). */
export function descendantsOf(root: number): Map<number, ProcessEntry> {
  const all = new Map<number, ProcessEntry>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const entry = readProcess(Number(name));
    if (entry) all.set(Number(name), entry);
  }
  const below = new Map<number, ProcessEntry>();
  for (const [pid, entry] of all) {
    for (let parent = entry.ppid, hops = 0; parent > 1 && hops < 64; parent = all.get(parent)?.ppid ?? 0, hops++) {
      if (parent === root) {
        below.set(pid, entry);
        break;
      }
    }
  }
  return below;
}

/** Processes whose command line mentions `text` (a test's own temporary folder), wherever they were re-parented. */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

export interface WatchedCli {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Every descendant seen while it ran, by pid. */
  seen: Map<number, ProcessEntry>;
  /** Descendants alive at the last look. */
  current(): Map<number, ProcessEntry>;
  /** Resolves when it exits, with its exit code (or the signal that ended it) and when. */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  exited(): boolean;
  /**
   * Those of `seen` that still run (same pid, same start time, not a zombie), after giving a
   * process killed just before its parent exited a moment to die.
   */
  survivors(): Promise<number[]>;
}

export function startCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): WatchedCli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const seen = new Map<number, ProcessEntry>();
  let current = new Map<number, ProcessEntry>();
  let done = false;
  const look = () => {
    if (done) return;
    current = descendantsOf(child.pid!);
    for (const [pid, entry] of current) seen.set(pid, entry);
  };
  const timer = setInterval(look, 15);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => {
      const at = Date.now();
      look();
      done = true;
      clearInterval(timer);
      resolve({ code, signal, at });
    }),
  );
  return {
    child,
    pid: child.pid!,
    stdout: () => stdout,
    stderr: () => stderr,
    seen,
    current: () => (look(), current),
    exit,
    exited: () => done,
    survivors: async () => {
      const running = () =>
        [...seen]
          .filter(([pid, entry]) => {
            const now = readProcess(pid);
            return now?.start === entry.start && now.state !== 'Z';
          })
          .map(([pid]) => pid);
      for (let tries = 0; tries < 100 && running().length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
      return running();
    },
  };
}

/** Polls `check` every 15 ms until it holds, the CLI exits, or `timeoutMs` passes; returns whether it held. */
export async function waitFor(cli: WatchedCli, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!cli.exited() && Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  return false;
}
