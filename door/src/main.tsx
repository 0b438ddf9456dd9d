import { render } from 'preact';
import { DoorApp } from './door-app';

const root = document.getElementById('app');
if (root) render(<DoorApp />, root);
