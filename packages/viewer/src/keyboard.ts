/**
 * Keyboard shortcuts
 * ==================
 *
 * `/` finds a component, `Escape` clears the selection and the focus, `r`
 * resets, `+` `-` `0` zoom and fit; on the focused canvas the arrows pan
 * and `Enter` fails the selected component (shift: adds it to the faults).
 * Keys typed into the search box or a menu are left alone.
 */
import type { Actions } from './actions.js';
import type { Stage } from './render/stage.js';
import type { Store } from './store.js';

/** How far one arrow key pans, in CSS pixels. */
const PAN_STEP = 60;

export function bindKeyboard(doc: Document, store: Store, stage: Stage, actions: Actions): void {
  doc.addEventListener('keydown', (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === 'Escape') {
      if (typing) (e.target as HTMLElement).blur();
      store.set({ selected: null, focus: null });
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === '/') {
      e.preventDefault();
      (doc.getElementById('fl-search') as HTMLInputElement).focus();
    } else if (e.key === 'r' || e.key === 'R') actions.reset();
    else if (e.key === '+' || e.key === '=') stage.zoomBy(1.25);
    else if (e.key === '-') stage.zoomBy(0.8);
    else if (e.key === '0') stage.fit();
    else if (e.target === stage.canvas && e.key.startsWith('Arrow')) {
      e.preventDefault();
      const d = PAN_STEP;
      stage.panBy(e.key === 'ArrowLeft' ? d : e.key === 'ArrowRight' ? -d : 0, e.key === 'ArrowUp' ? d : e.key === 'ArrowDown' ? -d : 0);
    } else if (e.target === stage.canvas && e.key === 'Enter' && store.get().selected) actions.fail(store.get().selected!, e.shiftKey);
  });
}
