import { render } from 'preact';
import { App } from './app';
import { registerServiceWorker } from './offline/register-service-worker';

const root = document.getElementById('app');
if (root) render(<App />, root);
registerServiceWorker();
