/** The lock screen and hardware keys (Media Session), for the player that last started playing. */
import type { Manifest } from '../publish/manifest.js';

export interface SessionControls {
  play(): void;
  pause(): void;
  skip(delta: number): void;
  /** Seconds from the start of the timeline. */
  seekWithin(seconds: number): void;
  jumpArticle(direction: 1 | -1): void;
}

const hasSession = (): boolean => 'mediaSession' in navigator;

export function claimMediaSession(controls: SessionControls, skipBack: number, skipForward: number): void {
  if (!hasSession()) return;
  const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
    ['play', () => controls.play()],
    ['pause', () => controls.pause()],
    ['stop', () => controls.pause()],
    ['seekbackward', (details) => controls.skip(-(details.seekOffset ?? skipBack))],
    ['seekforward', (details) => controls.skip(details.seekOffset ?? skipForward)],
    ['seekto', (details) => details.seekTime !== undefined && controls.seekWithin(details.seekTime)],
    ['previoustrack', () => controls.jumpArticle(-1)],
    ['nexttrack', () => controls.jumpArticle(1)],
  ];
  for (const [action, handler] of handlers) {
    try {
      navigator.mediaSession.setActionHandler(action, handler);
    } catch {
      // Browsers differ in which actions they know; the rest still work.
    }
  }
}

/** The story being read, in its edition, by its show. */
export function showMediaMetadata(manifest: Manifest, manifestUrl: URL, articleId: string | null): void {
  if (!hasSession() || typeof MediaMetadata === 'undefined') return;
  const article = manifest.articles.find((candidate) => candidate.id === articleId);
  const image = manifest.show?.image;
  try {
    navigator.mediaSession.metadata = new MediaMetadata({
      title: article?.title ?? manifest.title,
      artist: manifest.show?.author ?? manifest.show?.title ?? '',
      album: article ? manifest.title : (manifest.show?.title ?? ''),
      artwork: image ? [{ src: new URL(image, manifestUrl).href }] : [],
    });
  } catch {
    // An unusable artwork URL should not stop playback.
  }
}

export function showPlaybackState(playing: boolean): void {
  if (hasSession()) navigator.mediaSession.playbackState = playing ? 'playing' : 'paused';
}

/** Position and length on the timeline the listener sees (one story's, when the player plays one). */
export function showPositionState(duration: number, position: number, playbackRate: number): void {
  if (!hasSession() || !Number.isFinite(duration) || duration <= 0) return;
  try {
    navigator.mediaSession.setPositionState({ duration, playbackRate, position: Math.max(0, Math.min(position, duration)) });
  } catch {
    // Not all browsers implement position state.
  }
}
