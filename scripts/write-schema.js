// Regenerates audio-edition.schema.json from the config schema (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../dist/commands/config.js';

writeFileSync(new URL('../audio-edition.schema.json', import.meta.url), `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
