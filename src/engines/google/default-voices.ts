import { findVoiceLanguage } from './voice-name.js';

/**
 * One voice per language, for suggesting a voice without asking the service: WaveNet or Neural2
 * where the language has them, else Standard. The full list is `audio-edition voices --engine google`.
 */
const DEFAULT_VOICES = [
  'en-US-Neural2-D',
  'en-GB-Neural2-B',
  'en-AU-Neural2-B',
  'en-IN-Neural2-B',
  'af-ZA-Standard-A',
  'ar-XA-Wavenet-B',
  'bg-BG-Standard-A',
  'bn-IN-Wavenet-A',
  'ca-ES-Standard-A',
  'cmn-CN-Wavenet-A',
  'cmn-TW-Wavenet-A',
  'cs-CZ-Wavenet-A',
  'da-DK-Neural2-D',
  'de-DE-Neural2-B',
  'el-GR-Wavenet-A',
  'es-ES-Neural2-A',
  'es-US-Neural2-A',
  'eu-ES-Standard-A',
  'fi-FI-Wavenet-A',
  'fil-PH-Wavenet-A',
  'fr-FR-Neural2-A',
  'fr-CA-Neural2-A',
  'gl-ES-Standard-A',
  'gu-IN-Wavenet-A',
  'he-IL-Wavenet-A',
  'hi-IN-Neural2-A',
  'hu-HU-Wavenet-A',
  'id-ID-Wavenet-A',
  'is-IS-Standard-A',
  'it-IT-Neural2-A',
  'ja-JP-Neural2-B',
  'kn-IN-Wavenet-A',
  'ko-KR-Neural2-A',
  'lt-LT-Standard-A',
  'lv-LV-Standard-A',
  'ml-IN-Wavenet-A',
  'mr-IN-Wavenet-A',
  'ms-MY-Wavenet-A',
  'nb-NO-Wavenet-A',
  'nl-NL-Wavenet-B',
  'pa-IN-Wavenet-A',
  'pl-PL-Wavenet-A',
  'pt-BR-Neural2-A',
  'pt-PT-Wavenet-A',
  'ro-RO-Wavenet-A',
  'ru-RU-Wavenet-D',
  'sk-SK-Wavenet-A',
  'sr-RS-Standard-A',
  'sv-SE-Wavenet-A',
  'ta-IN-Wavenet-A',
  'te-IN-Standard-A',
  'th-TH-Neural2-C',
  'tr-TR-Wavenet-A',
  'uk-UA-Wavenet-A',
  'ur-IN-Wavenet-A',
  'vi-VN-Wavenet-A',
  'yue-HK-Standard-A',
];

/** The service's codes for languages editions usually tag otherwise (`zh-TW` is `cmn-TW` there). */
const ALIASES: Record<string, string> = {
  zh: 'cmn-CN',
  'zh-cn': 'cmn-CN',
  'zh-hans': 'cmn-CN',
  'zh-sg': 'cmn-CN',
  'zh-tw': 'cmn-TW',
  'zh-hant': 'cmn-TW',
  'zh-hk': 'yue-HK',
  yue: 'yue-HK',
  ar: 'ar-XA',
  iw: 'he-IL',
  no: 'nb-NO',
  nb: 'nb-NO',
  tl: 'fil-PH',
  in: 'id-ID',
};

/** A voice for a language (BCP 47): its own region's when there is one, else the language's first. */
export function suggestGoogleVoice(language: string): string | undefined {
  const wanted = language.toLowerCase();
  const code = (ALIASES[wanted] ?? ALIASES[wanted.split('-')[0]!] ?? wanted).toLowerCase();
  const primary = code.split('-')[0];
  const languageOf = (voice: string) => findVoiceLanguage(voice)!.toLowerCase();
  return (
    DEFAULT_VOICES.find((voice) => languageOf(voice) === code) ??
    DEFAULT_VOICES.find((voice) => languageOf(voice).split('-')[0] === primary)
  );
}
