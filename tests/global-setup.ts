import { execFileSync } from 'node:child_process';

/** The end-to-end tests run the built CLI, so build it once, fresh, before any test. */
export default function setup(): void {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
}
