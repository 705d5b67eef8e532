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
