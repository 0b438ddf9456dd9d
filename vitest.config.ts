import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run many cases; keep the default timeout generous but finite.
    testTimeout: 20_000,
    // The AWS SDK warns once per process that its Node 20 support ends; known, and noise in every test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
