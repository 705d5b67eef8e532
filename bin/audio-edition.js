#!/usr/bin/env -S MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=2
// Run as a command (npx audio-edition), the line above keeps the process small: the young
// generation of Node's heap at 2 MB a half (a build allocates short-lived buffers, not objects),
// and large buffers mapped and given back as soon as they are freed rather than kept in the
// C heap. Run as `node bin/audio-edition.js`, Node's defaults apply; nothing else differs.
import { main } from '../dist/cli/index.js';

main(process.argv);
