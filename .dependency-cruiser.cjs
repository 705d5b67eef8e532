/**
 * The layers, top to bottom; every import (type-only ones too) points down this list:
 *
 *   cli → commands → pipeline → publish / engines → audio → text → edition / config / errors, profile
 *
 * publish and engines sit side by side and never import each other; both may use audio.
 * src/player is an island: it is bundled for the browser and may import only types from
 * src/publish/manifest.ts. `npm run deps` checks all of this.
 */

/** Path patterns of each layer. */
const layer = {
  cli: '^src/cli/',
  commands: '^src/commands/',
  pipeline: '^src/pipeline/',
  publish: '^src/publish/',
  engines: '^src/engines/',
  audio: '^src/audio/',
  text: '^src/text/',
  edition: '^src/edition/',
  config: '^src/config/',
  base: '^src/(errors|profile)\\.ts$',
  player: '^src/player/',
};

/** Every module of src/ is in a layer (or is an ambient declaration): a new folder has to take its place in the list. */
const known = [...Object.values(layer), '^src/types/'];

/** A rule forbidding `from` to import any of `above`. */
function noUpward(name, from, above) {
  return {
    name: `no-upward-${name}`,
    comment: `${name} may only import layers below it (see the list at the top of .dependency-cruiser.cjs).`,
    severity: 'error',
    from: { path: layer[from] },
    to: { path: above.map((key) => layer[key]) },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle means two modules cannot be read, tested or changed apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    noUpward('commands', 'commands', ['cli']),
    noUpward('pipeline', 'pipeline', ['cli', 'commands']),
    noUpward('publish', 'publish', ['cli', 'commands', 'pipeline', 'engines']),
    noUpward('engines', 'engines', ['cli', 'commands', 'pipeline', 'publish']),
    noUpward('audio', 'audio', ['cli', 'commands', 'pipeline', 'publish', 'engines']),
    noUpward('text', 'text', ['cli', 'commands', 'pipeline', 'publish', 'engines', 'audio']),
    noUpward('edition', 'edition', ['cli', 'commands', 'pipeline', 'publish', 'engines', 'audio', 'text']),
    noUpward('config', 'config', ['cli', 'commands', 'pipeline', 'publish', 'engines', 'audio', 'text', 'edition']),
    noUpward('base', 'base', ['cli', 'commands', 'pipeline', 'publish', 'engines', 'audio', 'text', 'edition', 'config']),
    {
      name: 'in-a-layer',
      comment: 'A module outside every layer escapes the rules above: add its folder to the list at the top.',
      severity: 'error',
      from: { pathNot: known },
      to: {},
    },
    {
      name: 'into-a-layer',
      comment: 'A module outside every layer escapes the rules above: add its folder to the list at the top.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: known },
    },
    {
      name: 'engines-apart',
      comment: 'An engine is its own folder: engines share only engines/types.ts, never each other’s files.',
      severity: 'error',
      from: { path: '^src/engines/([^/]+)/' },
      to: { path: '^src/engines/[^/]+/', pathNot: '^src/engines/$1/' },
    },
    {
      name: 'player-island',
      comment: 'The player runs in the browser: it may import only types from src/publish/manifest.ts.',
      severity: 'error',
      from: { path: layer.player },
      to: { path: '^src/', pathNot: [layer.player, '^src/publish/manifest\\.ts$'] },
    },
    {
      name: 'player-types-only',
      comment: 'Only the manifest’s types reach the player, never code.',
      severity: 'error',
      from: { path: layer.player },
      to: { path: '^src/publish/manifest\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-the-player',
      comment: 'The player is published as a file (publish/player.ts reads it), not imported.',
      severity: 'error',
      from: { pathNot: layer.player },
      to: { path: layer.player },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer may not even name a type from above it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    includeOnly: '^src/',
  },
};
