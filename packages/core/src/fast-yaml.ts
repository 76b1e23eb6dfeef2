/**
 * The fast YAML path
 * ==================
 *
 * The `yaml` package keeps every position faultline reports, but parses at
 * about 1 MB/s (18 MB, 100,000 components: ~16 s, most of it garbage
 * collection), while js-yaml parses the same text in under a second
 * (ALGORITHMS.md §2.4). js-yaml's `listener` reports where each node opens
 * and closes, so this module rebuilds a `yaml`-shaped tree from those events
 * and the loader runs unchanged on it. The nodes are plain objects carrying
 * the `yaml` package's own type tags (`Symbol.for('yaml.map')`, …), so
 * `isMap`, `isSeq`, `isScalar` and `isPair` recognise them; they have the
 * fields the loader reads (`items`, `key`, `value`, `range`, `type`,
 * `source`) and none of the classes' methods, which cost a third of the time.
 *
 * It is only a fast path: whenever the text holds something the rebuild does
 * not reproduce exactly (anchors, aliases, tags, directives, duplicate keys,
 * implicit nulls it cannot place, a syntax error), `parseFast` returns
 * undefined and the loader uses `yaml`; and when a load finds any problem,
 * the loader parses everything again with `yaml`, so diagnostics never
 * depend on this module.
 *
 * [Reference]: js-yaml's `listener` option (lib/loader.js, composeNode)
 */
import jsyaml from 'js-yaml';
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

const NODE_TYPE = Symbol.for('yaml.node.type');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');

/** Text the rebuild would not reproduce exactly: anchors, aliases, tags, directives. */
const UNSUPPORTED = /(?:^|[\s[{,])[&*!][^\s\]},]|^%/m;

interface Frame {
  readonly start: number;
  /** Allocated with the first child: most nodes are scalars and have none. */
  children: Node[] | undefined;
}

const NO_CHILDREN: Node[] = [];

/**
 * The documents of a text as the loader reads them, with `lines` filled in;
 * undefined when the `yaml` package must parse this text.
 */
export function parseFast(text: string, lines: LineCounter): Document.Parsed[] | undefined {
  if (UNSUPPORTED.test(text)) return undefined;
  const roots: { contents: Node | null; js: unknown }[] = [];
  const stack: Frame[] = [];
  let ok = true;
  const listener = (event: 'open' | 'close', state: jsyaml.State): void => {
    if (!ok) return;
    if (event === 'open') {
      stack.push({ start: state.position, children: undefined });
      return;
    }
    const frame = stack.pop()!;
    const node = build(text, frame, state.position, state.kind, state.result);
    if (node === undefined) {
      ok = false;
      return;
    }
    const parent = stack[stack.length - 1];
    if (parent) (parent.children ??= []).push(node);
    else roots.push({ contents: isEmpty(node) ? null : node, js: state.result });
  };
  try {
    jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA, listener } as jsyaml.LoadOptions);
  } catch {
    return undefined;
  }
  if (!ok || stack.length > 0) return undefined;
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return roots.map((r) => ({ contents: r.contents, errors: [], warnings: [], toJS: () => r.js }) as unknown as Document.Parsed);
}

/** The node a closing frame stands for, or undefined when the frame cannot be rebuilt. */
function build(text: string, frame: Frame, close: number, kind: string | null | undefined, result: unknown): Node | undefined {
  const start = skipBlank(text, frame.start, close);
  // js-yaml closes a node after the blanks that follow it; the yaml package's range stops at its last character.
  let end = close;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  // A block sequence entry opens twice (the entry, then the node in it): the entry is its only child.
  const children = frame.children ?? NO_CHILDREN;
  const only = children.length === 1 ? children[0]! : undefined;
  if (only && only.range![0] === start && only.range![1] === end && (isMap(only) ? kind === 'mapping' : isSeq(only) && kind === 'sequence')) {
    return only;
  }
  const range = [start, end, end];
  if (kind === 'mapping') {
    let keys = 0;
    for (const _ in result as object) keys++;
    if (!fit(children, keys * 2)) return undefined;
    const items: object[] = [];
    for (let i = 0; i < children.length; i += 2) items.push({ [NODE_TYPE]: PAIR, key: children[i], value: children[i + 1] });
    return { [NODE_TYPE]: MAP, items, range } as unknown as Node;
  }
  if (kind === 'sequence') {
    if (!Array.isArray(result) || !fit(children, result.length)) return undefined;
    return { [NODE_TYPE]: SEQ, items: frame.children ?? [], range } as unknown as Node;
  }
  if (result !== null && typeof result === 'object') return undefined;
  const first = text[start];
  const type = first === '"' ? 'QUOTE_DOUBLE' : first === "'" ? 'QUOTE_SINGLE' : first === '|' ? 'BLOCK_LITERAL' : first === '>' ? 'BLOCK_FOLDED' : 'PLAIN';
  return { [NODE_TYPE]: SCALAR, value: result ?? null, type, source: text.slice(start, end), range } as unknown as Node;
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The first offset at or after `from` that is not a space, a line break or a comment. */
function skipBlank(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? end : nl + 1;
    } else break;
  }
  return i;
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
  return isScalar(node) && node.value === null && node.range![0] >= node.range![1];
}
