import { render } from 'preact';
import { App } from './app';
import { defaultWebSocketUrl } from './connection/page-config';
import { registerServiceWorker } from './offline/register-service-worker';

const root = document.getElementById('app');
if (root) render(<App defaultUrl={await defaultWebSocketUrl(location)} />, root);
registerServiceWorker();
