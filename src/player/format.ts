/** Times, dates and error messages as the player shows them. */

export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatDuration(seconds: number): string {
  if (!(seconds > 0)) return '';
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} min`;
}

export function formatDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
  } catch {
    return date;
  }
}

export function describeLoadError(error: unknown, src: string): string {
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return `${src} could not be fetched: the server is unreachable or does not send CORS headers (Access-Control-Allow-Origin).`;
  }
  if (error instanceof SyntaxError) return `${src} is not valid JSON.`;
  return error instanceof Error ? error.message : String(error);
}

export function describeMediaError(error: MediaError | null, src: string): string {
  switch (error?.code) {
    case MediaError.MEDIA_ERR_NETWORK:
      return `The connection broke while loading ${src}.`;
    case MediaError.MEDIA_ERR_DECODE:
      return `${src} is damaged or not an MP3.`;
    case MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED:
      return `${src} is missing or cannot be played by this browser.`;
    default:
      return `Loading ${src} failed.`;
  }
}
