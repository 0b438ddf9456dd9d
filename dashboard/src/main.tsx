import { render } from 'preact';
import { App } from './app';
import { defaultWebSocketUrl } from './connection/page-config';

const root = document.getElementById('app');
if (root) render(<App defaultUrl={await defaultWebSocketUrl(location)} />, root);
