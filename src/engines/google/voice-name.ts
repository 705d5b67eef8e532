/**
 * Google voice names carry their language: `en-US-Neural2-D` → `en-US`; `cmn-CN-Wavenet-A` →
 * `cmn-CN`. A name without one is not a Google voice.
 */
export function findVoiceLanguage(voice: string): string | undefined {
  return /^([a-z]{2,3}-[A-Za-z0-9]{2,3})-[A-Za-z0-9-]+$/.exec(voice)?.[1];
}
