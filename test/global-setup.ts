/**
 * Runs once before the end-to-end tests, in one process: installs Debian's
 * chromium for the viewer's browser tests when it is missing, so that the
 * test files running in parallel never race for apt's lock.
 */
import { ensureChromium } from './viewer-browser.js';

export default function setup(): void {
  ensureChromium();
}
