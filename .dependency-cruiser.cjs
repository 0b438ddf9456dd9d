/**
 * The layer rules of the README's "Layout", checked on every `npm test`:
 * dependencies point inward (adapters/infrastructure → application → domain) and the core
 * stays free of AWS, DI frameworks and I/O so it can be tested (and property-checked) in isolation.
 */
const forbiddenPackages = [
  '@aws-sdk',
  '@smithy',
  'aws-lambda',
  '@types/aws-lambda',
  '@aws-lambda-powertools',
  'aws-cdk-lib',
  'constructs',
  'inversify',
  '@inversifyjs',
  'reflect-metadata',
  'ws',
];
// Matched against resolved paths, wherever node_modules sits.
const forbiddenInCore = forbiddenPackages.map((name) => `(^|/)node_modules/${name.replace('/', '\\/')}/`);
const nodeIo = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'child_process', 'worker_threads', 'crypto'];

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment:
        'domain/ is the pure core: it may import nothing outside domain/ but valibot, and that only in domain/protocol/ (next rule).',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: ['^domain/', '(^|/)node_modules/valibot/'] },
    },
    {
      name: 'only-the-protocol-room-imports-valibot-in-domain',
      comment:
        'Save one pure library: the protocol room (domain/protocol/) states its frames as valibot schemas, so that the ' +
        'server, the CLI and the dashboard share one definition. valibot does no I/O; see the README, "Decisions worth knowing".',
      severity: 'error',
      from: { path: '^domain/', pathNot: '^domain/protocol/' },
      to: { path: '(^|/)node_modules/valibot/' },
    },
    {
      name: 'application-imports-only-domain',
      comment: 'application/ (use cases) depends on domain/ (entities, policies, ports) and nothing else.',
      severity: 'error',
      from: { path: '^application/' },
      to: { pathNot: '^(domain|application)/' },
    },
    {
      name: 'core-stays-free-of-frameworks-and-io',
      comment: 'No AWS SDK, Lambda types, CDK, inversify, reflect-metadata, ws or Node I/O in domain/ or application/.',
      severity: 'error',
      from: { path: '^(domain|application)/' },
      to: { path: forbiddenInCore },
    },
    {
      name: 'core-has-no-node-io',
      comment: 'Node built-ins that do I/O (or randomness) are ports, not imports, in the core.',
      severity: 'error',
      from: { path: '^(domain|application)/' },
      to: { dependencyTypes: ['core'], path: nodeIo.map((m) => `^(node:)?${m}$`) },
    },
    {
      name: 'dashboard-imports-only-itself-domain-and-preact',
      comment:
        'dashboard/ is the browser page: its own files, Preact, idb-keyval (what its service worker reads from IndexedDB), ' +
        'and domain/ for the protocol it shares with the server (message types, reply presets). Nothing server-side, ' +
        'nothing from the internet.',
      severity: 'error',
      from: { path: '^dashboard/' },
      to: { pathNot: ['^(dashboard|domain)/', '(^|/)node_modules/(preact|idb-keyval)/'] },
    },
    {
      name: 'door-imports-only-itself-the-shared-browser-code-domain-and-preact',
      comment:
        'door/ is the door page: its own files, the browser code it shares with the dashboard (the device connection, ' +
        'photo scaling, the status bar, reply labels), domain/ for the protocol, and Preact. Nothing server-side.',
      severity: 'error',
      from: { path: '^door/' },
      to: {
        pathNot: [
          '^(door|domain)/',
          '^dashboard/src/(connection|photos)/',
          '^dashboard/src/components/(status-bar|use-now|reply-labels)\\.tsx?$',
          '(^|/)node_modules/preact/',
        ],
      },
    },
    {
      name: 'nothing-imports-the-dashboard',
      comment:
        'The server serves dashboard/ as files (bundled at start); it never imports it. Tests may, and the door page ' +
        'its shared browser code (rule above).',
      severity: 'error',
      from: { pathNot: '^(dashboard|door|test)/' },
      to: { path: '^dashboard/' },
    },
    {
      name: 'nothing-imports-the-door-page',
      comment: 'The server serves door/ as files (bundled at start); it never imports it, nor does the dashboard. Tests may.',
      severity: 'error',
      from: { pathNot: '^(door|test)/' },
      to: { path: '^door/' },
    },
    {
      name: 'adapters-do-not-import-composition',
      comment: 'adapters/ are composed by infrastructure/, never the other way round.',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^infrastructure/' },
    },
    {
      name: 'production-code-does-not-import-tests',
      comment: 'Tests and benchmarks use the code, never the other way round.',
      severity: 'error',
      from: { path: '^(domain|application|adapters|infrastructure)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (catches typos and missing packages).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|cdk\\.out|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
  },
};
