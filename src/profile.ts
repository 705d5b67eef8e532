/**
 * Stage timings for finding where a build spends its time: with AUDIO_EDITION_PROFILE=1,
 * each finished stage prints `profile: <stage> <ms> ms` to stderr (never stdout, so
 * `--json` output stays one document). Off, it costs nothing.
 */

const enabled = Boolean(process.env.AUDIO_EDITION_PROFILE && process.env.AUDIO_EDITION_PROFILE !== '0');

/** Starts timing a stage; call the returned function when it ends. */
export function profileStage(stage: string): () => void {
  if (!enabled) return () => {};
  const started = performance.now();
  return () => {
    process.stderr.write(`profile: ${stage} ${(performance.now() - started).toFixed(1)} ms\n`);
  };
}

/** Marks a point in time since the process started (start-up cost). */
export function profileMark(mark: string): void {
  if (enabled) process.stderr.write(`profile: ${mark} ${performance.now().toFixed(1)} ms\n`);
}
