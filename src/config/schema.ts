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

/** `engine` is checked against the registered engines by `createConfigSchema`. */
const speechShape = {
  engine: z.string(),
  /** A voice of `engine`; when left out, the engine's own default (`engines.<id>.voice`). */
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
};

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
    /** Regular expressions (with the `u` flag); a paragraph matching one is not read. */
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

const baseShape = {
  $schema: z.string().optional(),
  show: showSchema,
  audio: audioSchema,
  edition: editionSchema,
  feed: feedSchema,
  publish: publishSchema,
};

/** What an engine brings to the config: its id and its own `engines.<id>` section. */
export interface EngineSection {
  readonly id: string;
  readonly configSchema: z.ZodType;
}

/**
 * The whole schema: the sections above plus one `engines.<id>` section per engine, in the order
 * given; the first engine is the default `speech.engine`. The engines are passed in (by
 * `engines/index.ts`) because this layer knows none of them.
 */
export function createConfigSchema(engines: readonly EngineSection[]): z.ZodType<Config, ConfigInput> {
  const ids = engines.map((engine) => engine.id) as [string, ...string[]];
  const sections = Object.fromEntries(engines.map((engine) => [engine.id, engine.configSchema]));
  const { $schema, show, ...rest } = baseShape;
  return z.strictObject({
    $schema,
    show,
    speech: z.strictObject({ ...speechShape, engine: z.enum(ids).default(ids[0]) }).prefault({}),
    engines: z.strictObject(sections).prefault({}),
    ...rest,
  }) as unknown as z.ZodType<Config, ConfigInput>;
}

/** The same shape with a plain `engine` string and the engine sections left open: for the types. */
const shapeForTypes = z.strictObject({ ...baseShape, speech: z.strictObject(speechShape) });

/** A validated config. Each engine reads its own `engines.<id>` section with its own schema. */
export type Config = z.output<typeof shapeForTypes> & { engines: Readonly<Record<string, unknown>> };
export type ConfigInput = Partial<z.input<typeof shapeForTypes>> & {
  speech?: Partial<z.input<typeof shapeForTypes>['speech']>;
  engines?: Record<string, unknown>;
};
export type AudioConfig = Config['audio'];
export type PublishConfig = Config['publish'];
export type MusicConfig = z.infer<typeof musicSchema>;
