import { configDefaults, defineConfig } from 'vitest/config';

/** Any test file under `folder` but those named for what they start (`*.integration`, `*.e2e`: real servers, a browser). */
const fastTestsIn = (folder: string) => `${folder}/**/!(*.integration|*.e2e).test.ts`;

/**
 * The fast loop (`npm run test:unit`): domain policies, use cases, the in-memory contract suites and the Lambda
 * handlers over the in-memory container, fuzzed included. No server, subprocess, browser, dynalite or CDK synth.
 */
const UNIT_TESTS = [
  fastTestsIn('test/{domain,application,fuzz,bench}'),
  fastTestsIn('test/adapters/{in-memory,lambda,crypto,validation,aws}'),
  fastTestsIn('test/security'),
  fastTestsIn('test/dashboard'),
  fastTestsIn('test/door'),
];

export default defineConfig({
  test: {
    // Property tests run many cases; keep the default timeout generous but finite.
    testTimeout: 20_000,
    // The AWS SDK warns once per process that its Node 20 support ends; known, and noise in every test file.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    // `npm test` (`vitest run`) runs both projects; `vitest run --project unit` the fast one alone.
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_TESTS,
          // These files share no state but what they build per test: one module graph per worker instead of one per
          // file (each file otherwise re-imports the container and re-validates the workflow definition), ≈ 8× faster.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT_TESTS],
        },
      },
    ],
  },
});
