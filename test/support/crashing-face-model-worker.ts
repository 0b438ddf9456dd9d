/**
 * The face model's worker, except that a photo whose bytes spell "crash" ends the thread at once (exit code 70),
 * as an out-of-memory or a fault in the WebAssembly runtime would.
 */
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', ({ photo }: { photo: Uint8Array }) => {
  if (new TextDecoder().decode(photo) === 'crash') process.exit(70);
});
await import('../../adapters/face-model/face-model-thread');
