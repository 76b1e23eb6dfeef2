/**
 * The page's heavy analysis, off the main thread
 * ==============================================
 *
 * Ranking every single failure (core's `rankFailures`) takes seconds on a
 * large model: run on the main thread, it froze the page after its first
 * frame. It runs in a Web Worker made from the page's own script (the page
 * is one self-contained file: its module script, read back from the DOM, is
 * the worker's code too; main.ts serves the analysis when it has no
 * document). The worker's blob: URL is the only thing the CSP's
 * `worker-src blob:` allows; it fetches nothing. Where a worker cannot start
 * (the page served in development, an older browser), the ranking runs on
 * the main thread after the first frame. (The findings are linted by
 * `faultline view` and embedded in the page.)
 */
import { Engine } from './engine.js';
import { parsePayload } from './payload.js';
import { rankForView, type RankedFailure } from './providers/ranking.js';

export type AnalysisPlace = 'worker' | 'main thread';

type Request = { readonly text: string };
/** The SPOFs for their panel, and the worst single failures for the overview's top N. */
export type Ranked = { readonly spofs: RankedFailure[]; readonly worst: RankedFailure[] };
type Reply = { readonly ranking: Ranked };

/** Ranks the single failures of the payload `text`; `engine` is the page's own, used when no worker can start. */
export function startAnalyses(text: string, engine: Engine, done: (ranked: Ranked) => void): AnalysisPlace {
  const onMain = (): void => {
    setTimeout(() => done(rankForView(engine)), 30);
  };
  const code = document.querySelector('script[type="module"]')?.textContent ?? '';
  if (code.trim() === '' || typeof Worker === 'undefined') {
    onMain();
    return 'main thread';
  }
  let worker: Worker;
  try {
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    worker = new Worker(url, { type: 'module', name: 'faultline-analyses' });
    URL.revokeObjectURL(url);
  } catch {
    onMain();
    return 'main thread';
  }
  worker.onmessage = (e: MessageEvent<Reply>) => {
    worker.terminate();
    done(e.data.ranking);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    worker.terminate();
    onMain();
  };
  worker.postMessage({ text } satisfies Request);
  return 'worker';
}

/** The worker's side: answers a request with the ranking. */
export function serveAnalyses(scope: { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(message: Reply): void }): void {
  scope.onmessage = (e) => {
    const engine = new Engine(parsePayload(e.data.text).model);
    scope.postMessage({ ranking: rankForView(engine) });
  };
}
