/**
 * `<audio-edition src="…/manifest.json" [article="a2"]>`: the element, its audio and controls.
 * Manifest text only ever reaches the DOM through text nodes, never as markup.
 */
import type { Manifest } from '../publish/manifest.js';
import { describeLoadError, describeMediaError, formatDate, formatDuration } from './format.js';
import { clickedHostParagraph, hostParagraphId, styleHostPage } from './host-page.js';
import { handleDocumentKey } from './keyboard.js';
import { claimMediaSession, showMediaMetadata, showPlaybackState, showPositionState } from './media-session.js';
import { buildShell, showHeader, showLoading, showMessage, showPlaying, showTimes, SKIP_BACK, SKIP_FORWARD } from './render.js';
import { Playback } from './playback.js';
import { RATE_KEY, readNumber, writeValue } from './resume.js';
import { articleToJumpTo, fetchEpisode, type Timeline } from './state.js';
import { adoptStyle, STYLE } from './style.js';
import { Transcript } from './transcript.js';
import { fetchWordStarts, OnScreen } from './words.js';

const players = new Set<AudioEditionElement>();
/** The player that last started playing; page-wide shortcuts and the lock screen belong to it. */
let activePlayer: AudioEditionElement | null = null;

export class AudioEditionElement extends HTMLElement {
  static get observedAttributes(): string[] {
    return ['src', 'article'];
  }

  readonly element = this;
  private readonly ui = buildShell();
  private readonly audio = this.ui.audio;
  private readonly playback = new Playback(this.audio);
  private readonly transcript = new Transcript(
    this.ui,
    (time) => this.playFrom(time),
    () => activePlayer === this && this.updateMediaMetadata(),
  );
  private manifest: Manifest | null = null;
  private manifestUrl: URL | null = null;
  private loading: AbortController | null = null;
  private scrubbing = false;
  private frame = 0;
  /** transcript.json is fetched only once the player is on screen. */
  private readonly words = new OnScreen(() => this.loadWords());

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyle(root, STYLE);
    root.append(this.ui.root);
    this.wireControls();
    this.wireAudio();
  }

  connectedCallback(): void {
    players.add(this);
    styleHostPage();
    document.addEventListener('keydown', this.onDocumentKeyDown);
    document.addEventListener('click', this.onDocumentClick);
    window.addEventListener('pagehide', this.onPageHide);
    this.words.observe(this);
    if (!this.manifest && !this.loading) void this.load();
  }

  disconnectedCallback(): void {
    players.delete(this);
    if (activePlayer === this) activePlayer = null;
    document.removeEventListener('keydown', this.onDocumentKeyDown);
    document.removeEventListener('click', this.onDocumentClick);
    window.removeEventListener('pagehide', this.onPageHide);
    this.words.disconnect();
    this.playback.save(true);
    // A detached <audio> keeps playing; a removed player should fall silent.
    this.audio.pause();
  }

  attributeChangedCallback(_name: string, oldValue: string | null, newValue: string | null): void {
    if (oldValue !== newValue && this.isConnected) void this.load();
  }

  /** Fetches the manifest, renders the episode or story, and points the audio element at it. */
  private async load(): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    this.reset();
    const src = this.getAttribute('src');
    if (!src) {
      this.showMessage('No episode to play.', 'The player needs a src attribute pointing to an episode’s manifest.json.');
      return;
    }
    let loaded: Awaited<ReturnType<typeof fetchEpisode>>;
    try {
      loaded = await fetchEpisode(src, this.getAttribute('article'), controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.showMessage('This episode could not be loaded.', describeLoadError(error, src));
      return;
    } finally {
      if (this.loading === controller) this.loading = null;
    }
    if (controller.signal.aborted) return;
    const { manifest, manifestUrl, timeline } = loaded;
    this.manifest = manifest;
    this.manifestUrl = manifestUrl;
    this.playback.load(timeline, manifestUrl, readNumber(RATE_KEY) ?? 1);
    this.ui.speed.value = String(this.audio.playbackRate);
    this.render(manifest, timeline);
    this.update();
    this.words.check();
  }

  private reset(): void {
    this.manifest = null;
    this.words.reset();
    this.transcript.clear();
    this.playback.unload();
    showLoading(this.ui, this.hasAttribute('article') ? 'Listen to this story' : 'Listen to Today’s Edition');
    this.setTimes(0);
  }

  private render(manifest: Manifest, timeline: Timeline): void {
    // A story played on its own is titled by the story, and names the edition it is from.
    const source = timeline.story ? manifest.title : manifest.show?.title;
    const meta = [source, formatDate(manifest.date), formatDuration(timeline.duration)].filter(Boolean).join(' · ');
    showHeader(this.ui, timeline.story?.title ?? manifest.title, meta);
    this.transcript.show(timeline.articles, this.playback.start());
    this.setTimes(this.playback.start());
  }

  /** Word marks need transcript.json beside the manifest; without one, paragraphs are still marked. */
  private loadWords(): boolean {
    const { manifestUrl } = this;
    const { timeline } = this.playback;
    if (!manifestUrl || !timeline) return false;
    void fetchWordStarts(new URL('transcript.json', manifestUrl).href).then((starts) => {
      if (!starts || this.playback.timeline !== timeline) return;
      this.transcript.addWords(starts, timeline.offset);
      this.highlight(this.audio.currentTime);
    });
    return true;
  }

  private wireControls(): void {
    const { ui, audio } = this;
    ui.play.addEventListener('click', () => this.toggle());
    ui.back.addEventListener('click', () => this.skip(-SKIP_BACK));
    ui.forward.addEventListener('click', () => this.skip(SKIP_FORWARD));
    ui.speed.addEventListener('change', () => {
      writeValue(RATE_KEY, String(this.playback.applyRate(Number(ui.speed.value))));
    });
    // While the thumb is held, the bar follows the finger, not the audio.
    ui.seek.addEventListener('pointerdown', () => (this.scrubbing = true));
    const endScrub = (): void => {
      this.scrubbing = false;
    };
    ui.seek.addEventListener('pointerup', endScrub);
    ui.seek.addEventListener('pointercancel', endScrub);
    ui.seek.addEventListener('input', () => {
      const time = this.playback.start() + Number(ui.seek.value);
      audio.currentTime = time;
      this.setTimes(time);
      this.update();
    });
  }

  private wireAudio(): void {
    const { audio } = this;
    audio.addEventListener('play', () => {
      this.claimPage();
      this.setPlaying(true);
      this.followFrames();
    });
    audio.addEventListener('pause', () => {
      this.setPlaying(false);
      this.playback.save(true);
    });
    audio.addEventListener('ended', () => {
      this.setPlaying(false);
      this.playback.forget();
    });
    audio.addEventListener('loadedmetadata', () => {
      this.playback.restore();
      this.update();
    });
    for (const type of ['timeupdate', 'seeked', 'durationchange'] as const) {
      audio.addEventListener(type, () => this.update());
    }
    audio.addEventListener('ratechange', () => {
      this.ui.speed.value = String(audio.playbackRate);
      this.updatePositionState();
    });
    audio.addEventListener('error', () => {
      if (!audio.getAttribute('src')) return;
      this.setPlaying(false);
      this.showMessage('The audio could not be played.', describeMediaError(audio.error, audio.currentSrc || audio.src));
    });
  }

  /** timeupdate comes four times a second; word marks follow every frame while the audio plays. */
  private followFrames(): void {
    cancelAnimationFrame(this.frame);
    const step = (): void => {
      if (this.audio.paused) return;
      this.highlight(this.audio.currentTime);
      this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  /** Brings time, seek bar, highlights and the saved position in line with the audio. */
  private update(): void {
    const time = this.audio.currentTime;
    if (!this.scrubbing) this.setTimes(time);
    this.highlight(time);
    this.playback.save(false);
  }

  /** Highlights what is read at `time`, and stops a story played inside the episode at its end. */
  private highlight(time: number): void {
    this.playback.stopAtEnd(time);
    this.transcript.highlight(time, this.ui.transcript.contains(this.shadowRoot?.activeElement ?? null));
  }

  private readonly onDocumentKeyDown = (event: KeyboardEvent): void => {
    if (this.manifest) handleDocumentKey(this, event);
  };

  private readonly onDocumentClick = (event: MouseEvent): void => {
    const host = clickedHostParagraph(event);
    if (host) this.playHostParagraph(host, event);
  };

  playHostParagraph(host: Element, event: Event): void {
    const time = this.transcript.hostTime(host, event.target as Element, hostParagraphId(host));
    if (time === null) return;
    event.preventDefault();
    this.playFrom(time);
  }

  private readonly onPageHide = (): void => this.playback.save(true);

  ownsPage(): boolean {
    return activePlayer === this;
  }

  toggle(): void {
    if (this.audio.paused) this.play();
    else this.audio.pause();
  }

  play(): void {
    if (!this.manifest) return;
    this.playback.play().catch((error: unknown) => {
      // The browser refusing autoplay is not an error worth a message; the button still works.
      if (error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError')) return;
      this.showMessage('The audio could not be played.', error instanceof Error ? error.message : String(error));
    });
  }

  pause(): void {
    this.audio.pause();
  }

  private playFrom(time: number): void {
    this.seekTo(time);
    this.play();
  }

  /** Seeks to `time` in seconds of the audio file, kept inside the timeline. */
  private seekTo(time: number): void {
    const clamped = this.playback.seek(time);
    this.transcript.follow();
    this.setTimes(clamped);
    this.highlight(clamped);
    this.updatePositionState();
  }

  seekWithin(seconds: number): void {
    this.seekTo(this.playback.start() + seconds);
  }

  skip(delta: number): void {
    this.seekTo(this.audio.currentTime + delta);
  }

  jumpArticle(direction: 1 | -1): void {
    const articles = this.playback.timeline?.articles ?? [];
    const target = articleToJumpTo(articles, this.transcript.currentArticleId, this.audio.currentTime, direction);
    if (target) this.playFrom(target.start);
  }

  private setPlaying(playing: boolean): void {
    showPlaying(this.ui, playing);
    this.updatePositionState();
    if (activePlayer === this) showPlaybackState(playing);
  }

  /** Shows `time` (seconds of the audio file) on the seek bar and clocks, which count the timeline from 0. */
  private setTimes(time: number): void {
    const start = this.playback.start();
    showTimes(this.ui, time - start, this.playback.end() - start);
  }

  private showMessage(headline: string, detail: string): void {
    showMessage(this.ui, headline, detail, !this.manifest);
  }

  /** Makes this the player that owns page-wide shortcuts and the lock screen, and quiets the others. */
  private claimPage(): void {
    activePlayer = this;
    for (const other of players) if (other !== this) other.pause();
    claimMediaSession(this, SKIP_BACK, SKIP_FORWARD);
    this.updateMediaMetadata();
  }

  private updateMediaMetadata(): void {
    if (this.manifest && this.manifestUrl) showMediaMetadata(this.manifest, this.manifestUrl, this.transcript.currentArticleId);
  }

  private updatePositionState(): void {
    if (activePlayer !== this || !Number.isFinite(this.audio.duration)) return;
    const start = this.playback.start();
    showPositionState(this.playback.end() - start, this.audio.currentTime - start, this.audio.playbackRate);
  }
}
