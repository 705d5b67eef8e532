import type { BuildEvent } from '../commands/build.js';

/**
 * Renders build events on stderr: a live progress line on a TTY, plain lines otherwise,
 * nothing but warnings in JSON mode (stdout is reserved for the JSON document).
 */
export function createReporter(options: { json?: boolean; stream?: NodeJS.WriteStream }): (event: BuildEvent) => void {
  const stream = options.stream ?? process.stderr;
  const tty = Boolean(stream.isTTY) && !options.json;
  let live = false;
  const clearLine = () => {
    if (live) stream.write('\r\x1b[2K');
    live = false;
  };
  const bar = (fraction: number) => {
    const width = 24;
    const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  };
  return (event) => {
    switch (event.type) {
      case 'warning':
        clearLine();
        stream.write(`warning: ${event.message}\n`);
        break;
      case 'edition':
        if (options.json) break;
        clearLine();
        stream.write(`${event.slug}: ${event.clips} clips, ${event.cached} cached, ${event.clips - event.cached} to synthesize\n`);
        break;
      case 'clip':
        if (!tty) break;
        stream.write(`\r\x1b[2K${event.slug} ${bar(event.done / event.total)} clips ${event.done}/${event.total}`);
        live = true;
        break;
      case 'episode': {
        if (options.json) break;
        clearLine();
        const e = event.episode;
        const loud = e.loudness ? `, ${e.loudness.integratedLufs} LUFS, ${e.loudness.truePeakDbtp} dBTP` : '';
        const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
        stream.write(
          `${e.slug}: ${e.durationSeconds.toFixed(1)}s, ${count(e.articles, 'article')}, ${count(e.paragraphs, 'paragraph')}, ${e.clips.synthesized} synthesized, ${e.clips.cached} cached${e.segments ? `, ${count(e.segments.encoded, 'segment')} encoded` : ''}${loud}${e.reused ? ' (audio unchanged)' : ''}\n`,
        );
        break;
      }
    }
  };
}
