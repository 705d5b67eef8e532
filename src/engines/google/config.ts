import { z } from 'zod';
import type { Config } from '../../config/schema.js';

/** `engines.google` in the config. */
export const googleConfigSchema = z
  .strictObject({
    voice: z.string().default('en-US-Neural2-D'),
    languageCode: z.string().default('en-US'),
    apiEndpoint: z.string().default('texttospeech.googleapis.com'),
    port: z.int().min(1).max(65535).default(443),
    insecure: z.boolean().default(false),
    keyFilename: z.string().optional(),
    projectId: z.string().optional(),
    // Ranges as the service documents them (AudioConfig in cloud_tts.proto): the client passes
    // anything through, so a typo would otherwise fail every request at synthesis time.
    speakingRate: z.number().min(0.25).max(2).default(1),
    pitch: z.number().min(-20).max(20).default(0),
    volumeGainDb: z.number().min(-96).max(16).default(0),
    /** LINEAR16 rates the service renders; other rates are refused. */
    sampleRateHertz: z.literal([8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000]).default(24000),
    effectsProfile: z
      .array(
        z.enum([
          'wearable-class-device',
          'handset-class-device',
          'headphone-class-device',
          'small-bluetooth-speaker-class-device',
          'medium-bluetooth-speaker-class-device',
          'large-home-entertainment-class-device',
          'large-automotive-class-device',
          'telephony-class-application',
        ]),
      )
      .default(['headphone-class-device']),
    /** Total time for one request including gax's retries, in seconds: far below gax's 300 s default. */
    timeoutSeconds: z.number().min(1).max(300).default(60),
    /**
     * A `<mark/>` before every word of SSML voices, so Google says when each word is spoken. Google
     * bills the marks as characters (about three times the text); off, word times are estimated.
     */
    wordMarks: z.boolean().default(true),
    /** USD per million characters by voice family, merged over the built-in table. */
    pricing: z.record(z.string(), z.number().min(0)).default({}),
  })
  .prefault({});

export type GoogleConfig = z.output<typeof googleConfigSchema>;

/** `engines.google` of a validated config, typed. */
export function readGoogleConfig(config: Config): GoogleConfig {
  return googleConfigSchema.parse(config.engines.google);
}
