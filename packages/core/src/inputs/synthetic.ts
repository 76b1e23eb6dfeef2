/**
 * Merged layers → the loader's `RawComponent`
 * ===========================================
 *
 * The resolver reads positions from a component's YAML node (`dependsOn[2]`
 * → that item's range). A catalog component has no single node: its fields
 * come from a catalog document, annotations and an overlay file. So the
 * merged value is turned into a fresh YAML node tree, and each node is
 * mapped to the place its value was written; `MappedSource` answers the
 * resolver's `range(node)` questions from that map. The resolver then
 * treats catalog components exactly like manifest components.
 */
import { Document, isMap, isScalar, isSeq, LineCounter, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { SourceRange } from '../model.js';
import type { RawComponent } from '../load/resolve.js';
import { ComponentSchema } from '../schema.js';
import { SourceFile } from '../load/yaml-source.js';
import { issueDiagnostics } from '../load/zod-issues.js';
import { pathKey, type Layer } from './layer.js';
import { append } from '../arrays.js';

/** Positions for nodes that do not live in one file. */
export class MappedSource extends SourceFile {
  constructor(
    private readonly places: ReadonlyMap<Node, SourceRange>,
    private readonly fallback: SourceRange,
  ) {
    super(fallback.file, new LineCounter());
  }

  override range(node: Node | null | undefined): SourceRange {
    return (node && this.places.get(node)) || this.fallback;
  }

  override offsets(): SourceRange {
    return this.fallback;
  }
}

/**
 * The merged component as the resolver's input.
 * @param at where the component is defined (the entity's `metadata.name`)
 */
export function toRawComponent(id: string, at: SourceRange, merged: Layer, out: Diagnostic[]): RawComponent | undefined {
  const value = Object.fromEntries(merged.fields);
  const node = new Document().createNode(value) as Node;
  const places = new Map<Node, SourceRange>();
  place(node, [], merged, at, places);
  const file = new MappedSource(places, at);
  const parsed = ComponentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    append(out, issueDiagnostics(parsed.error.issues, node, file, ['components', id]));
    return undefined;
  }
  return { id, at, value: parsed.data, node, file };
}

function place(root: Node, path: readonly PropertyKey[], merged: Layer, fallback: SourceRange, places: Map<Node, SourceRange>): void {
  const stack: { node: unknown; path: readonly PropertyKey[]; parent: SourceRange }[] = [{ node: root, path, parent: fallback }];
  while (stack.length > 0) {
    const { node, path: p, parent } = stack.pop()!;
    const here = merged.at.get(pathKey(p)) ?? merged.keyAt.get(pathKey(p)) ?? parent;
    if (isScalar(node) || isMap(node) || isSeq(node)) places.set(node as Node, here);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const child = [...p, String(pair.key.value)];
        places.set(pair.key as Node, merged.keyAt.get(pathKey(child)) ?? merged.at.get(pathKey(child)) ?? here);
        stack.push({ node: pair.value, path: child, parent: here });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...p, i], parent: here }));
    }
  }
}
