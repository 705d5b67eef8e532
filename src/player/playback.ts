/**
 * The audio element on a timeline: the whole file, or a story inside the episode (`clip`),
 * which it never plays past. Also where the listener stopped, kept per episode and per story.
 */
import { positionKey, readNumber, removeValue, resumeTime, writeValue } from './resume.js';
import { SPEEDS } from './render.js';
import type { Timeline } from './state.js';

export class Playback {
  timeline: Timeline | null = null;
  private key = '';
  private savedAt = -Infinity;
  private pendingResume: number | null = null;

  constructor(readonly audio: HTMLAudioElement) {}

  /** Points the audio at the timeline, remembering where this listener stopped in it last time. */
  load(timeline: Timeline, manifestUrl: URL, rate: number): void {
    this.timeline = timeline;
    this.key = positionKey(manifestUrl.href, timeline.story?.id ?? null);
    this.pendingResume = readNumber(this.key);
    this.audio.src = timeline.audioUrl;
    this.applyRate(rate);
  }

  unload(): void {
    this.timeline = null;
    this.audio.pause();
    if (this.audio.hasAttribute('src')) {
      // Release the previous episode's connection and buffer before loading another.
      this.audio.removeAttribute('src');
      this.audio.load();
    }
  }

  /** Once the file's length is known: back to where the listener stopped, or to the story's start. */
  restore(): void {
    const resume = resumeTime(this.pendingResume, this.start(), this.end());
    this.pendingResume = null;
    if (resume !== null) this.audio.currentTime = resume;
    else if (this.audio.currentTime < this.start()) this.audio.currentTime = this.start();
  }

  /** Where the timeline starts and ends, in seconds of the audio file. */
  start(): number {
    return this.timeline?.clip?.from ?? 0;
  }

  end(): number {
    const clip = this.timeline?.clip;
    if (clip) return clip.to;
    const real = this.audio.duration;
    return Number.isFinite(real) && real > 0 ? real : (this.timeline?.duration ?? 0);
  }

  /** Seeks to `time`, in seconds of the audio file, kept inside the timeline. */
  seek(time: number): number {
    const clamped = Math.max(this.start(), Math.min(time, this.end() || time));
    this.pendingResume = null;
    this.audio.currentTime = clamped;
    return clamped;
  }

  play(): Promise<void> {
    // A story inside the episode starts over once it has been heard to its end.
    const clip = this.timeline?.clip;
    const time = this.audio.currentTime;
    if (clip && (time >= clip.to - 0.05 || time < clip.from - 1)) this.audio.currentTime = clip.from;
    return this.audio.play();
  }

  /** Pauses a story played inside the episode once its end is reached. */
  stopAtEnd(time: number): void {
    const clip = this.timeline?.clip;
    if (!clip || time < clip.to || this.audio.paused) return;
    this.audio.pause();
    this.audio.currentTime = clip.to;
    this.forget();
  }

  applyRate(rate: number): number {
    const valid = SPEEDS.includes(rate) ? rate : 1;
    // A new src resets playbackRate to defaultPlaybackRate, so set both.
    this.audio.defaultPlaybackRate = valid;
    this.audio.playbackRate = valid;
    return valid;
  }

  /** Remembers where the listener is, at most every few seconds unless asked to now. */
  save(now: boolean): void {
    if (!this.timeline || this.pendingResume !== null) return;
    const time = this.audio.currentTime;
    if (!now && Math.abs(time - this.savedAt) < 5) return;
    this.savedAt = time;
    if (time > this.start() && !this.audio.ended) writeValue(this.key, time.toFixed(1));
  }

  forget(): void {
    removeValue(this.key);
  }
}
