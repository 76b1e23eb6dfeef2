/**
 * Strongly connected components, iteratively
 * ==========================================
 *
 * Tarjan's algorithm over a CSR graph (`offset`, `targets`), with an explicit
 * call stack in typed arrays: user graphs are arbitrarily deep, and a
 * recursive DFS overflows V8's stack on a 10,000-node chain (docs/algorithms.md#strongly-connected-components;
 * graphology-components does exactly that). Components come out in
 * reverse topological order of the edges: with edges pointing at
 * dependencies, dependencies come first, which is the order every sweep of
 * the analyses wants.
 *
 * O(V + E) time, 6 words per node.
 *
 * [Reference]: Tarjan, "Depth-first search and linear graph algorithms",
 * SIAM J. Comput. 1 (1972).
 */

/** Strongly connected components, dependencies first. */
export interface SccResult {
  /** Included nodes, grouped by component, components in emit order (dependencies first). */
  readonly order: Int32Array;
  /** Component i is `order[start[i]] … order[start[i + 1] − 1]`; `start` has `count + 1` entries. */
  readonly start: Int32Array;
  readonly count: number;
  /** Component of each node, −1 for excluded nodes. */
  readonly componentOf: Int32Array;
}

/** Restricts `stronglyConnected` to some nodes and edges. */
export interface SccOptions {
  /** Only nodes with a non-zero entry take part. @default every node */
  readonly include?: Uint8Array;
  /** Only edges (indices into `targets`) for which this returns true. @default every edge */
  readonly keepEdge?: (edge: number) => boolean;
}

/** Strongly connected components of the graph `v → targets[offset[v] … offset[v + 1]]`. */
export function stronglyConnected(n: number, offset: Int32Array, targets: Int32Array, options: SccOptions = {}): SccResult {
  const { include, keepEdge } = options;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const starts: number[] = [0];
  let sp = 0;
  let emitted = 0;
  let counter = 0;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || (include && !include[root])) continue;
    let csp = 0;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    callNode[csp] = root;
    callEdge[csp++] = offset[root]!;
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const e = callEdge[csp - 1]!;
      if (e < offset[v + 1]!) {
        callEdge[csp - 1] = e + 1;
        if (keepEdge && !keepEdge(e)) continue;
        const w = targets[e]!;
        if (include && !include[w]) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          callNode[csp] = w;
          callEdge[csp++] = offset[w]!;
        } else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      csp--;
      if (low[v] === index[v]) {
        const id = starts.length - 1;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          componentOf[w] = id;
          order[emitted++] = w;
        } while (w !== v);
        starts.push(emitted);
      }
      if (csp > 0) {
        const parent = callNode[csp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { order: order.subarray(0, emitted), start: Int32Array.from(starts), count: starts.length - 1, componentOf };
}

/** True when component `c` is a real cycle: two or more nodes, or one node with an edge to itself. */
export function isCyclic(scc: SccResult, c: number, offset: Int32Array, targets: Int32Array, keepEdge?: (edge: number) => boolean): boolean {
  const from = scc.start[c]!;
  if (scc.start[c + 1]! - from > 1) return true;
  const v = scc.order[from]!;
  for (let e = offset[v]!; e < offset[v + 1]!; e++) if (targets[e] === v && (!keepEdge || keepEdge(e))) return true;
  return false;
}
