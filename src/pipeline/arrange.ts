import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AudioConfig, MusicConfig } from '../config/schema.js';
import type { CachedClip } from '../audio/clip.js';
import type { ScriptLine } from '../edition/types.js';
import type { VoicedLine } from './synthesize.js';
import type { WordTiming } from '../text/words.js';
import { placeWords } from './word-timings.js';
import { measureSubBlocks } from '../audio/loudness.js';
import { decodeMusic, mixMusic } from '../audio/music.js';
import { episodeLoudness, layoutTimeline, type Segment } from '../audio/stitch.js';

/**
 * Lays the script's clips out as the episode: each clip followed by its pause, with intro
 * and outro music mixed in where configured. Returns where each line's voice is, exactly,
 * and where each of its words is: the clip's word times moved by the sample offset at which the
 * clip's voice starts in the episode.
 */

export interface ArrangedLine {
  line: ScriptLine;
  start: number;
  end: number;
  /** The line's words in episode seconds. */
  words: WordTiming[];
  wordTiming: 'engine' | 'estimate';
}

export interface Arrangement {
  segments: Segment[];
  lines: ArrangedLine[];
  durationSeconds: number;
}

export async function arrangeEpisode(items: readonly VoicedLine[], audio: AudioConfig, configDir: string): Promise<Arrangement> {
  const segments: Segment[] = [];
  const where: Array<{ segment: number; offset: number }> = [];
  for (const item of items) {
    where.push({ segment: segments.length, offset: 0 });
    segments.push({ kind: 'clip', clip: item.clip });
    if (item.line.pauseAfter > 0) segments.push({ kind: 'silence', seconds: item.line.pauseAfter });
  }
  const sampleRate = items[0]?.clip.sampleRate ?? 16000;
  const voiceLoudness = episodeLoudness(segments, sampleRate);
  for (const [role, music] of [
    ['intro', audio.introMusic],
    ['outro', audio.outroMusic],
  ] as const) {
    const index = items.findIndex((item) => item.line.role === role);
    if (!music || index === -1) continue;
    const place = where[index]!;
    const part = await mixWithMusic(items[index]!.clip, music, role, sampleRate, voiceLoudness, configDir);
    segments[place.segment] = part;
    place.offset = part.voiceStart;
  }
  const timeline = layoutTimeline(segments);
  const lines = items.map((item, i) => {
    const start = timeline.spans[where[i]!.segment]!.start + where[i]!.offset / sampleRate;
    return {
      line: item.line,
      start,
      end: start + item.clip.sampleCount / item.clip.sampleRate,
      words: placeWords(item.clip.words, start),
      wordTiming: item.clip.wordTiming,
    };
  });
  return { segments, lines, durationSeconds: timeline.durationSeconds };
}

type PcmSegment = Extract<Segment, { kind: 'pcm' }>;

async function mixWithMusic(
  clip: CachedClip,
  music: MusicConfig,
  role: 'intro' | 'outro',
  sampleRate: number,
  voiceLoudness: number,
  configDir: string,
): Promise<PcmSegment> {
  const bytes = await readFile(clip.pcmFile);
  const voice = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 1);
  const decoded = await decodeMusic(path.resolve(configDir, music.file), sampleRate);
  const part = mixMusic({ music: decoded, voice, sampleRate, voiceLoudness, config: music, position: role });
  return {
    kind: 'pcm',
    samples: part.samples,
    sampleRate,
    subBlocks: measureSubBlocks(part.samples, sampleRate),
    voiceStart: part.voiceStart,
  };
}
