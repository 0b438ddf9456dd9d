import { render } from 'preact';
import { defaultWebSocketUrl } from '../../dashboard/src/connection/page-config';
import { DoorApp } from './door-app';

const root = document.getElementById('app');
if (root) render(<DoorApp defaultUrl={await defaultWebSocketUrl(location)} />, root);
