/**
 * Entry point: reads the embedded model and starts the viewer, or says
 * plainly why it cannot (as text, never HTML).
 */
import './style.css';
import { startApp } from './app.js';
import { readPayload } from './payload.js';

const root = document.getElementById('app')!;
try {
  startApp(root, readPayload(document));
} catch (error) {
  root.replaceChildren();
  const box = document.createElement('div');
  box.className = 'fatal';
  const title = document.createElement('strong');
  title.textContent = 'faultline could not open this model';
  const message = document.createElement('p');
  message.textContent = error instanceof Error ? error.message : String(error);
  box.append(title, message);
  root.append(box);
  root.removeAttribute('aria-busy');
  throw error;
}
