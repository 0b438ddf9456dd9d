import { runDemo } from './demo-scenario';

// `npm run demo`: prints the scripted transcript; a failure prints the error and exits non-zero.
runDemo((line) => console.log(line)).catch((error: unknown) => {
  console.error('The demo failed:', error);
  process.exitCode = 1;
});
