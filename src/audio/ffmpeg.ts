import { createRequire } from 'node:module';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import ffmpeg from 'fluent-ffmpeg';

/**
 * Where ffmpeg and ffprobe come from: FFMPEG_PATH / FFPROBE_PATH, else the system's,
 * else the static builds shipped inside npm packages, so `npm install` alone is enough.
 */

const require = createRequire(import.meta.url);

function onPath(name: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!folder) continue;
    const candidate = path.join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function bundled(pkg: string): string | undefined {
  try {
    return (require(pkg) as { path: string }).path;
  } catch {
    return undefined;
  }
}

let resolved: { ffmpeg: string; ffprobe: string } | undefined;

export function toolPaths(): { ffmpeg: string; ffprobe: string } {
  resolved ??= {
    ffmpeg: process.env.FFMPEG_PATH || onPath('ffmpeg') || bundled('@ffmpeg-installer/ffmpeg') || 'ffmpeg',
    ffprobe: process.env.FFPROBE_PATH || onPath('ffprobe') || bundled('@ffprobe-installer/ffprobe') || 'ffprobe',
  };
  return resolved;
}

/** fluent-ffmpeg, pointed at the binaries above. */
export function createCommand(): ffmpeg.FfmpegCommand {
  const paths = toolPaths();
  const command = ffmpeg();
  command.setFfmpegPath(paths.ffmpeg);
  command.setFfprobePath(paths.ffprobe);
  return command;
}

export interface ProbeResult {
  durationSeconds: number;
  codec: string | undefined;
  sampleRate: number | undefined;
  channels: number | undefined;
  bitRate: number | undefined;
  tags: Record<string, string>;
  chapters: Array<{ start: number; end: number; title: string | undefined }>;
}

export function probe(file: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    createCommand()
      .input(file)
      .ffprobe(['-show_chapters'], (error, data) => {
        if (error) return reject(error);
        const audio = data.streams.find((stream) => stream.codec_type === 'audio');
        const chapters = ((data as unknown as { chapters?: Array<Record<string, unknown>> }).chapters ?? []).map((chapter) => ({
          start: Number(chapter.start_time),
          end: Number(chapter.end_time),
          title: (chapter.tags as Record<string, string> | undefined)?.title ?? (chapter['TAG:title'] as string | undefined),
        }));
        resolve({
          durationSeconds: Number(data.format.duration),
          codec: audio?.codec_name,
          sampleRate: audio?.sample_rate === undefined ? undefined : Number(audio.sample_rate),
          channels: audio?.channels,
          bitRate: data.format.bit_rate === undefined ? undefined : Number(data.format.bit_rate),
          tags: (data.format.tags ?? {}) as Record<string, string>,
          chapters,
        });
      });
  });
}

/**
 * fluent-ffmpeg checks ffmpeg's formats and encoders (two spawns) before its first command
 * in a process, then remembers them. Asking early, while synthesis runs, takes that off the
 * time an editor waits for the encode.
 */
export function warmUpFfmpeg(): void {
  const command = createCommand();
  command.availableFormats(() => {});
  command.availableEncoders(() => {});
}

/** ffmpeg's words for the disk failures that are the user's to fix, by errno code. */
const DISK_MESSAGES: Array<[RegExp, string]> = [
  [/No space left on device/i, 'ENOSPC'],
  [/Disk quota exceeded/i, 'EDQUOT'],
  [/Read-only file system/i, 'EROFS'],
  [/Permission denied/i, 'EACCES'],
];

/** The errno-like error behind an ffmpeg failure that was the disk's, or undefined. */
export function diskFailureOf(stderr: string): NodeJS.ErrnoException | undefined {
  const found = DISK_MESSAGES.find(([pattern]) => pattern.test(stderr));
  return found ? Object.assign(new Error(found[0].source), { code: found[1] }) : undefined;
}
