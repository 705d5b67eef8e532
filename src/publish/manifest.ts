/** `output/<slug>/manifest.json`: timings for the player. All times are seconds of `episode.mp3`. */

export interface ManifestParagraph {
  id: string;
  text: string;
  start: number;
  end: number;
}

export interface ManifestArticle {
  id: string;
  title: string;
  start: number;
  end: number;
  /** The story's own MP3 (`a2.mp3`): the episode from `start` to `end`; its times are manifest times minus `start`. */
  audio?: { url: string; durationSeconds: number; bytes: number };
  paragraphs: ManifestParagraph[];
}

export interface Manifest {
  version: 1;
  slug: string;
  title: string;
  date: string;
  description?: string;
  show?: { title: string; author: string; image?: string; feed?: string };
  audio: { url: string; durationSeconds: number; bytes: number; type: 'audio/mpeg' };
  articles: ManifestArticle[];
}

/**
 * `output/<slug>/transcript.json`: a Podcasting 2.0 JSON transcript, one segment per word, in
 * seconds of `episode.mp3`. `paragraph` and `word` are this product's additions: the segment is
 * word number `word` (from 0) of that paragraph's text split on white space, so the player can
 * mark it. Segments of spoken titles, intro and outro have no `paragraph`.
 */
export interface TranscriptSegment {
  startTime: number;
  endTime: number;
  body: string;
  speaker?: string;
  paragraph?: string;
  word?: number;
}

export interface TranscriptJson {
  version: '1.0.0';
  /** `engine` when every word time came from the engine, `estimate` when all were estimated, else `mixed`. */
  timing?: 'engine' | 'estimate' | 'mixed';
  segments: TranscriptSegment[];
}
