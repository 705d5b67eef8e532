import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Runs one command as a user would and measures it from the outside: wall time from spawn to
 * exit (process start included) and peak RSS of the whole process tree. The tree is sampled
 * from /proc (sum of VmRSS over the process and its descendants: ffmpeg children, and the
 * worker threads, which live inside the node process); the node process's own high-water mark
 * (VmHWM) and GNU time's maximum RSS, when /usr/bin/time exists, catch peaks between samples.
 */

export interface Measured {
  seconds: number;
  peakRssMb: number;
  code: number;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';
const SAMPLE_MS = 20;

function readStatus(pid: number): Record<string, number> {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const values: Record<string, number> = {};
    for (const match of status.matchAll(/^(VmRSS|VmHWM):\s+(\d+) kB/gm)) values[match[1]!] = Number(match[2]);
    return values;
  } catch {
    return {};
  }
}

function children(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      try {
        return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
      } catch {
        return [];
      }
    });
  } catch {
    return [];
  }
}

function tree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...children(all[i]!));
  return all;
}

export function hasGnuTime(): boolean {
  return existsSync(TIME);
}

export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; scratch: string },
): Promise<Measured> {
  const timeFile = path.join(options.scratch, `time-${process.pid}.txt`);
  const wrapped = hasGnuTime() ? { command: TIME, args: ['-f', '%M', '-o', timeFile, command, ...args] } : { command, args };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(wrapped.command, wrapped.args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    let peakTreeKb = 0;
    const hwm = new Map<number, number>();
    const sample = () => {
      let sum = 0;
      for (const pid of tree(child.pid!)) {
        const status = readStatus(pid);
        sum += status.VmRSS ?? 0;
        if (status.VmHWM) hwm.set(pid, Math.max(hwm.get(pid) ?? 0, status.VmHWM));
      }
      peakTreeKb = Math.max(peakTreeKb, sum);
    };
    const timer = setInterval(sample, SAMPLE_MS);
    sample();
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      clearInterval(timer);
      let gnuMaxKb = 0;
      if (existsSync(timeFile)) {
        gnuMaxKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) || 0;
        rmSync(timeFile, { force: true });
      }
      const largestHwm = Math.max(0, ...hwm.values());
      const peakKb = Math.max(peakTreeKb, gnuMaxKb, largestHwm);
      resolve({ seconds, peakRssMb: Math.round(peakKb / 102.4) / 10, code: code ?? 1, stdout, stderr });
    });
  });
}

/** `profile: <stage> <ms> ms` lines from AUDIO_EDITION_PROFILE=1, summed per stage. */
export function parseProfile(stderr: string): Record<string, number> {
  const stages: Record<string, number> = {};
  for (const match of stderr.matchAll(/^profile: (\S+) ([\d.]+) ms$/gm)) {
    stages[match[1]!] = Math.round(((stages[match[1]!] ?? 0) + Number(match[2])) * 10) / 10;
  }
  return stages;
}
