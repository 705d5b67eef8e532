import { z } from 'zod';

/**
 * The one schema for `audio-edition.config.json`. Every key has a default, so an empty
 * file (or no file) is a valid configuration. Unknown keys are errors: a typo should
 * not silently do nothing.
 */

const showSchema = z
  .strictObject({
    title: z.string().min(1).default('Today’s Edition'),
    description: z.string().default('The day’s stories, read aloud.'),
    author: z.string().default('The Newsroom'),
    owner: z
      .strictObject({
        name: z.string().default('The Newsroom'),
        email: z.string().default(''),
      })
      .prefault({}),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'a language code such as "en-us"')
      .default('en-us'),
    category: z.array(z.string().min(1)).min(1).max(2).default(['News', 'Daily News']),
    explicit: z.boolean().default(false),
    /** An https URL for the feed, or a local file for ID3 cover art, or both via `imageFile`. */
    image: z.string().optional(),
    link: z.string().optional(),
    /** Where `output/` is published; enclosure and page URLs are built under it. */
    baseUrl: z.string().default('http://127.0.0.1:8080/'),
    /** Optional directory links shown on listen pages. */
    appleUrl: z.string().optional(),
    spotifyUrl: z.string().optional(),
  })
  .prefault({});

/** `s3://BUCKET/` or `s3://BUCKET/PREFIX/`: a bucket name as S3 allows it, then an optional key prefix. */
export const S3_URL = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

const speechSchema = z
  .strictObject({
    engine: z.string().default('flite'),
    voice: z.string().optional(),
    concurrency: z.int().min(1).max(64).optional(),
    /** A JSON or YAML file of pronunciations, relative to the config file. */
    lexicon: z.string().optional(),
    /**
     * Where synthesized clips are kept between builds: a folder relative to the config file, or
     * `s3://BUCKET/PREFIX/` (with the publish section's endpoint settings) so fresh machines share it.
     */
    cacheDir: z
      .string()
      .min(1)
      .refine((value) => !/^s3:\/\//i.test(value) || S3_URL.test(value), 'an S3 URL such as "s3://news-audio/cache/", or a folder')
      .default('.cache/audio-edition'),
  })
  .prefault({});

const googleSchema = z
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
    /** USD per million characters by voice family, merged over the built-in table. */
    pricing: z.record(z.string(), z.number().min(0)).default({}),
  })
  .prefault({});

const engineSchemas = z
  .strictObject({
    flite: z.strictObject({ voice: z.string().default('slt') }).prefault({}),
    google: googleSchema,
  })
  .prefault({});

const musicSchema = z.strictObject({
  file: z.string(),
  /** "before": music plays, then the voice; "under": music continues quietly under the voice. */
  mode: z.enum(['before', 'under']).default('before'),
  volume: z.number().min(-60).max(0).default(-18),
  fadeSeconds: z.number().min(0).max(10).default(2),
});

const audioSchema = z
  .strictObject({
    loudness: z.number().min(-36).max(-6).default(-16),
    truePeak: z.number().min(-9).max(-1).default(-1.5),
    bitrateKbps: z.int().min(32).max(320).default(96),
    sampleRate: z.union([z.literal(22050), z.literal(32000), z.literal(44100), z.literal(48000)]).default(44100),
    channels: z.union([z.literal(1), z.literal(2)]).default(1),
    paragraphPause: z.number().min(0).max(10).default(0.7),
    articlePause: z.number().min(0).max(10).default(1.5),
    /** Spoken intro template, or false for none. Placeholders: {show} {date} {title} {stories}. */
    intro: z.union([z.string(), z.literal(false)]).default('This is {show} for {date}. {title}. {stories}.'),
    outro: z.union([z.string(), z.literal(false)]).default('That was {show}. Thanks for listening.'),
    introMusic: musicSchema.optional(),
    outroMusic: musicSchema.optional(),
  })
  .prefault({});

const editionSchema = z
  .strictObject({
    skip: z.array(z.string()).default([]),
  })
  .prefault({});

const feedSchema = z
  .strictObject({
    maxEpisodes: z.int().min(1).max(10000).default(100),
    /** Local time of day an edition is published, for `pubDate`. */
    publishTime: z
      .string()
      .regex(/^\d{2}:\d{2}$/, 'a time such as "06:00"')
      .default('06:00'),
    timeZone: z.string().default('UTC'),
  })
  .prefault({});

const publishSchema = z
  .strictObject({
    /** Where `publish` uploads output/: `s3://BUCKET/PREFIX/`. */
    target: z.string().regex(S3_URL, 'an S3 URL such as "s3://news-audio/daily/"').optional(),
    /** An S3-compatible service (R2, GCS interoperability, MinIO); AWS S3 when left out. */
    endpoint: z.url({ protocol: /^https?$/, error: 'an http(s) URL such as "https://<account>.r2.cloudflarestorage.com"' }).optional(),
    region: z.string().min(1).optional(),
    forcePathStyle: z.boolean().default(false),
    /** `max-age` in seconds: short for what changes each morning, long for files that rarely change. */
    cacheControl: z
      .strictObject({
        short: z.int().min(0).max(31_536_000).default(300),
        long: z.int().min(0).max(31_536_000).default(3600),
      })
      .prefault({}),
    /** Parallel uploads within one stage. */
    concurrency: z.int().min(1).max(32).default(4),
    /** Attempts per request, including the first, for 5xx, throttling and dropped connections. */
    maxAttempts: z.int().min(1).max(20).default(6),
  })
  .prefault({});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  show: showSchema,
  speech: speechSchema,
  engines: engineSchemas,
  audio: audioSchema,
  edition: editionSchema,
  feed: feedSchema,
  publish: publishSchema,
});

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type GoogleConfig = Config['engines']['google'];
export type AudioConfig = Config['audio'];
export type PublishConfig = Config['publish'];
export type MusicConfig = z.infer<typeof musicSchema>;
