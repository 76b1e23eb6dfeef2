/**
 * The fast YAML path
 * ==================
 *
 * The `yaml` package keeps every position faultline reports, but parses at
 * about 1 MB/s (18 MB, 100,000 components: ~16 s, most of it garbage
 * collection), while js-yaml parses the same text in under a second
 * (docs/algorithms.md#the-fast-yaml-path). js-yaml's `listener` reports where each node opens
 * and closes, so this module rebuilds a `yaml`-shaped tree from those events
 * and the loader runs unchanged on it. The nodes are plain objects carrying
 * the `yaml` package's own type tags (`Symbol.for('yaml.map')`, …), so
 * `isMap`, `isSeq`, `isScalar` and `isPair` recognise them; they have the
 * fields the loader reads (`items`, `key`, `value`, `range`, `type`,
 * `source`) and none of the classes' methods, which cost a third of the time.
 *
 * It is only a fast path: whenever the text holds something the rebuild does
 * not reproduce exactly (anchors, aliases, tags, directives, duplicate keys,
 * a key that is not text, implicit nulls it cannot place, a syntax error), `parseFast` returns
 * undefined and the loader uses `yaml`; and when a load finds any problem,
 * the loader parses everything again with `yaml`, so diagnostics never
 * depend on this module.
 *
 * [Reference]: js-yaml's `listener` option (lib/loader.js, composeNode)
 */
import jsyaml from 'js-yaml';
import type { Document, LineCounter, Node } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');

/** Text the rebuild would not reproduce exactly: anchors, aliases, tags, directives. */
const UNSUPPORTED = /(?:^|[\s[{,])[&*!][^\s\]},]|^%/m;

/**
 * Rebuilt nodes: small classes whose prototype carries the `yaml` package's
 * type tag. A node keeps its two offsets; `range`, the `yaml` package's
 * `[start, valueEnd, nodeEnd]` triple, is made only when a position is asked
 * for (a few per component), not for each of the million nodes of a large file.
 */
class FastScalar {
  constructor(
    readonly value: unknown,
    readonly type: string,
    readonly source: string | undefined,
    readonly start: number,
    readonly end: number,
  ) {}
  get range(): [number, number, number] {
    return [this.start, this.end, this.end];
  }
}
class FastMap {
  constructor(
    readonly items: FastPair[],
    readonly start: number,
    readonly end: number,
  ) {}
  get range(): [number, number, number] {
    return [this.start, this.end, this.end];
  }
}
class FastSeq {
  constructor(
    readonly items: Node[],
    readonly start: number,
    readonly end: number,
  ) {}
  get range(): [number, number, number] {
    return [this.start, this.end, this.end];
  }
}
class FastPair {
  constructor(
    readonly key: Node,
    readonly value: Node,
  ) {}
}
type FastNode = FastScalar | FastMap | FastSeq;
Object.defineProperty(FastScalar.prototype, NODE_TYPE, { value: SCALAR });
Object.defineProperty(FastMap.prototype, NODE_TYPE, { value: MAP });
Object.defineProperty(FastSeq.prototype, NODE_TYPE, { value: SEQ });
Object.defineProperty(FastPair.prototype, NODE_TYPE, { value: PAIR });

const NO_CHILDREN: Node[] = [];

/**
 * True for a root the fast path rebuilt. Such a tree has no key that is not
 * text (those make the rebuild fall back) and no repeated key (js-yaml
 * refuses them), so the loader skips its walks that look for either.
 */
export function isRebuilt(root: unknown): boolean {
  return root instanceof FastMap || root instanceof FastSeq;
}

/**
 * The documents of a text as the loader reads them, with `lines` filled in;
 * undefined when the `yaml` package must parse this text.
 */
export function parseFast(text: string, lines: LineCounter): Document.Parsed[] | undefined {
  if (UNSUPPORTED.test(text)) return undefined;
  const roots: { contents: Node | null; js: unknown }[] = [];
  // The open frames, as two parallel stacks: where each opened, and its children so far.
  const starts: number[] = [];
  const children: (Node[] | undefined)[] = [];
  let ok = true;
  const listener = (event: 'open' | 'close', state: jsyaml.State): void => {
    if (!ok) return;
    if (event === 'open') {
      starts.push(state.position);
      children.push(undefined);
      return;
    }
    const node = build(text, starts.pop()!, children.pop() ?? NO_CHILDREN, state.position, state.kind, state.result);
    if (node === undefined) {
      ok = false;
      return;
    }
    const depth = children.length;
    if (depth > 0) (children[depth - 1] ??= []).push(node);
    else roots.push({ contents: isEmpty(node) ? null : node, js: state.result });
  };
  try {
    jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA, listener } as jsyaml.LoadOptions);
  } catch {
    return undefined;
  }
  if (!ok || starts.length > 0) return undefined;
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return roots.map((r) => ({ contents: r.contents, errors: [], warnings: [], toJS: () => r.js }) as unknown as Document.Parsed);
}

/** The node a closing frame stands for, or undefined when the frame cannot be rebuilt. */
function build(text: string, open: number, children: Node[], close: number, kind: string | null | undefined, result: unknown): Node | undefined {
  const start = skipBlank(text, open, close);
  // js-yaml closes a node after the blanks that follow it; the yaml package's range stops at its last character.
  // At the end of a text without a final line break, js-yaml (which adds one) closes one past the text.
  let end = Math.min(close, text.length);
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  // A block sequence entry opens twice (the entry, then the node in it): the entry is its only child.
  if (children.length === 1) {
    const only = children[0] as unknown as FastNode;
    if (only.start === start && only.end === end && (only instanceof FastMap ? kind === 'mapping' : only instanceof FastSeq && kind === 'sequence')) return only as unknown as Node;
  }
  if (kind === 'mapping') {
    let keys = 0;
    for (const _ in result as object) keys++;
    if (!fit(children, keys * 2)) return undefined;
    if (children === NO_CHILDREN) return new FastMap([], start, end) as unknown as Node;
    // The pairs take the place of their keys and values in `children`, which becomes `items`: no second array.
    const items = children as unknown as FastPair[];
    for (let i = 0; i < keys; i++) {
      const key = children[2 * i]!;
      // A key that is not text (`true:`, `? [a]`): the yaml path says so, with its position (a plain number such as `1password`'s `1` is kept as text).
      if (!(key instanceof FastScalar) || !(typeof key.value === 'string' || (typeof key.value === 'number' && key.type === 'PLAIN'))) return undefined;
      let value = children[2 * i + 1]!;
      if (isEmpty(value)) {
        const at = emptyValueAt(text, (key as unknown as FastNode).end);
        if (at === undefined) return undefined;
        value = new FastScalar(null, 'PLAIN', '', at, at) as unknown as Node;
      }
      items[i] = new FastPair(key, value);
    }
    items.length = keys;
    return new FastMap(items, start, end) as unknown as Node;
  }
  if (kind === 'sequence') {
    if (!Array.isArray(result) || !fit(children, result.length)) return undefined;
    return new FastSeq(children === NO_CHILDREN ? [] : children, start, end) as unknown as Node;
  }
  if (result !== null && typeof result === 'object') return undefined;
  const first = text.charCodeAt(start);
  const type = first === 34 ? 'QUOTE_DOUBLE' : first === 39 ? 'QUOTE_SINGLE' : first === 124 ? 'BLOCK_LITERAL' : first === 62 ? 'BLOCK_FOLDED' : 'PLAIN';
  // `source` serves only to tell an empty document; the hints that quote a key come from the yaml path.
  return new FastScalar(result ?? null, type, start < end ? undefined : '', start, end) as unknown as Node;
}

/**
 * js-yaml reports an empty attempt at a node where a document (or a block)
 * ends; drops those from the end of `children` until `expected` remain.
 */
function fit(children: Node[], expected: number): boolean {
  while (children.length > expected && isEmpty(children[children.length - 1]!)) children.pop();
  return children.length === expected;
}

/** A null scalar with no text: an empty attempt, or an empty document. */
function isEmpty(node: Node): boolean {
  return node instanceof FastScalar && node.value === null && node.start >= node.end;
}

/**
 * Where the `yaml` package places a map value written as nothing (`b:` at
 * the end of a line, a comment or the file): after the key's `:` and the
 * spaces that follow it on that line. js-yaml opens it after the line break,
 * or one character past the end of a file that does not end in one.
 * Undefined when the `:` is not right after the key (fall back).
 */
function emptyValueAt(text: string, keyEnd: number): number | undefined {
  let i = keyEnd;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) !== 58 /* : */) return undefined;
  i++;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
  return i;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The first offset at or after `from` that is not a space, a line break or a comment. */
function skipBlank(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) i++;
    else if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? end : nl + 1;
    } else break;
  }
  return i;
}
