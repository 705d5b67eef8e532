/**
 * The "Listen to Today's Edition" player: `<audio-edition src="…/manifest.json">`.
 *
 * Bundled by scripts/bundle-player.js into one self-contained ES module, published as
 * `output/player.js` and embedded on other sites: no imports at run time, no framework.
 */
import { AudioEditionElement } from './element.js';

if (!customElements.get('audio-edition')) customElements.define('audio-edition', AudioEditionElement);
