/**
 * Strongly connected components (Tarjan, iterative)
 * =================================================
 *
 * Used by the layered layout to condense cycles before layering, so a cycle
 * shares one layer instead of stretching the drawing. Iterative, so a long
 * dependency chain cannot overflow the stack.
 *
 * [Reference]: R. Tarjan, "Depth-first search and linear graph algorithms",
 * SIAM J. Computing 1(2), 1972. https://en.wikipedia.org/wiki/Tarjan%27s_strongly_connected_components_algorithm
 */

/** Component index of every node (in Tarjan's emission order), and the number of components. */
export interface Condensation {
  readonly component: Int32Array;
  readonly count: number;
}

/**
 * Tarjan's algorithm over adjacency lists `out[v]`. A component is emitted
 * only after every component it can reach, so iterating components from
 * `count − 1` down to 0 visits them in topological order (sources first).
 */
export function stronglyConnected(out: readonly (readonly number[])[]): Condensation {
  const n = out.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const frames: number[] = []; // pairs: node, next edge position
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    frames.push(root, 0);
    while (frames.length > 0) {
      const v = frames[frames.length - 2]!;
      const i = frames[frames.length - 1]!;
      if (i === 0 && index[v] === -1) {
        index[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const edges = out[v]!;
      if (i < edges.length) {
        frames[frames.length - 1] = i + 1;
        const w = edges[i]!;
        if (index[w] === -1) frames.push(w, 0);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      frames.length -= 2;
      if (frames.length > 0) {
        const parent = frames[frames.length - 2]!;
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { component, count };
}
