// Starts a worker thread on a TypeScript module (workerData.entry), through tsx like bin/doorbell.js: the worker
// does not inherit the loader of the thread that started it (tsx under `npm start`, vite under the tests).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
