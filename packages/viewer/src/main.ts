/**
 * Entry point: reads the embedded model and starts the viewer, or says
 * plainly why it cannot (as text, never HTML). The same script, run as the
 * analyses' worker (no document), serves the analyses (analyses.ts).
 */
import './style.css';
import { serveAnalyses } from './analyses.js';
import { startApp } from './app.js';
import { payloadText, readPayload } from './payload.js';

if (typeof document === 'undefined') serveAnalyses(self as unknown as Parameters<typeof serveAnalyses>[0]);
else start(document.getElementById('app')!);

function start(root: HTMLElement): void {
  try {
    const text = payloadText(document);
    startApp(root, readPayload(document), text);
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
}
