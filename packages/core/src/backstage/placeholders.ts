/**
 * Files a catalog pulls in by placeholder
 * =======================================
 *
 * Backstage entities pull file contents into a field with a placeholder:
 * `definition: { $text: ./openapi.yaml }` (also `$json`, `$yaml`, and `$ref`
 * in some catalogs). Those files are an API's definition, not entities: when
 * a directory walk finds them beside the catalog, the loader leaves them out
 * without a word (they are known, not strangers). Paths are resolved against
 * the entity's file as the CLI shows it; URLs are not files here.
 *
 * [Reference]: https://backstage.io/docs/features/software-catalog/descriptor-format#substitutions-in-the-descriptor-format
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';

/** The placeholder keys whose value names a file. */
const PLACEHOLDERS: ReadonlySet<string> = new Set(['$text', '$json', '$yaml', '$ref']);

/**
 * The files a document's placeholders name, as paths comparable with the
 * loader's (`samePath`).
 * @param path the document's file, as the loader was given it
 */
export function placeholderFiles(root: Node, path: string): string[] {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const only = node.items.length === 1 ? node.items[0]! : undefined;
      if (only && isScalar(only.key) && PLACEHOLDERS.has(String(only.key.value)) && isScalar(only.value) && typeof only.value.value === 'string') {
        const target = fileOf(only.value.value);
        if (target !== undefined) out.push(joinPath(dirOf(path), target));
        continue;
      }
      for (const pair of node.items) stack.push(pair.value);
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
  return out;
}

/** The file part of a placeholder's value; undefined for a URL (`https:`, `github:`…) or nothing. */
function fileOf(value: string): string | undefined {
  const path = value.trim().replace(/#.*$/, '');
  if (path === '' || isUrl(path)) return undefined;
  return path;
}

/** `https://…`, `file:…`, `url:…`: a scheme, not a Windows drive letter. */
export function isUrl(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]+:/.test(text);
}

/** The directory part of a path (`a/b.yaml` → `a`, `b.yaml` → ``). */
export function dirOf(path: string): string {
  const p = path.replace(/\\/g, '/');
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
}

/**
 * `dir` joined with a relative `path`, `.` and `..` folded (`a/b` + `../c.yaml`
 * → `a/c.yaml`); an absolute `path` is kept. Forward slashes throughout.
 */
export function joinPath(dir: string, path: string): string {
  const p = path.replace(/\\/g, '/');
  const absolute = p.startsWith('/') || /^[A-Za-z]:\//.test(p);
  const whole = absolute || dir === '' ? p : `${dir.replace(/\\/g, '/')}/${p}`;
  const rooted = whole.startsWith('/');
  const parts: string[] = [];
  for (const part of whole.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !rooted) parts.push(part);
  }
  return (rooted ? '/' : '') + parts.join('/');
}

/** A path in the form `joinPath` gives, for comparing the loader's paths with placeholders'. */
export function samePath(path: string): string {
  return joinPath('', path);
}
