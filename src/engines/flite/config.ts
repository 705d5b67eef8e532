import { z } from 'zod';
import type { Config } from '../../config/schema.js';

/** `engines.flite` in the config. */
export const fliteConfigSchema = z.strictObject({ voice: z.string().default('slt') }).prefault({});

export type FliteConfig = z.output<typeof fliteConfigSchema>;

/** `engines.flite` of a validated config, typed. */
export function readFliteConfig(config: Config): FliteConfig {
  return fliteConfigSchema.parse(config.engines.flite);
}
