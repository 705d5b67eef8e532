import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    setupFiles: ['tests/quiet-sdk-warning.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Synthesis and ffmpeg already use both cores; running files in parallel only thrashes.
    fileParallelism: false,
  },
});
