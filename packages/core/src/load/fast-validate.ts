/**
 * The fast component validator
 * ============================
 *
 * The loader validates every component with the zod schema of `schema.ts`,
 * which stays the source of truth: it defines the manifest, the JSON Schema
 * is generated from it, and every error message comes from its issues. But a
 * zod object parse per component costs a copy of the component and the
 * machinery of its checks: at 100,000 components, about as much as parsing
 * the YAML (docs/algorithms.md#the-fast-component-validator).
 *
 * `fastComponent` is the happy path, written out by hand from the same
 * schema and the same limits (`limits.ts`): it returns the component itself
 * (no copy) when zod would accept it and return an equal value, and
 * undefined otherwise, and the loader then asks zod, which accepts or says
 * why not. It never decides alone in the rare shapes zod reads in its own
 * way (a `__proto__` key in a record, an `undefined` value, an object that is
 * not a plain one): those go to zod as well. The property test
 * (`fast-validate.property.test.ts`) proves the two agree on valid and
 * near-valid components: same accept/reject, same value.
 */
import { MAX_REPLICAS, MAX_RETRIES, MAX_TIMEOUT_MS, MAX_WEIGHT } from '../limits.js';
import { ID_PATTERN, type ComponentInput } from '../schema.js';

const MODES: ReadonlySet<unknown> = new Set(['hard', 'soft', 'async']);
const VIAS: ReadonlySet<unknown> = new Set(['call', 'config', 'dns', 'auth', 'data']);
const ROLLOUTS: ReadonlySet<unknown> = new Set(['global', 'staged']);
const PHASES: ReadonlySet<unknown> = new Set(['startup', 'runtime']);
const SCOPES: ReadonlySet<unknown> = new Set(['global', 'regional', 'zonal']);
const PLANES: ReadonlySet<unknown> = new Set(['control', 'data']);

/**
 * The component as zod's `ComponentSchema` would return it, or undefined
 * when zod must decide (it rejects the value, or reads it in its own way).
 * The value returned is `value` itself, not a copy.
 */
export function fastComponent(value: unknown): ComponentInput | undefined {
  if (!isPlain(value)) return undefined;
  let hasKind = false;
  for (const key in value) {
    const v = value[key];
    switch (key) {
      case 'kind':
        if (typeof v !== 'string' || v.length === 0) return undefined;
        hasKind = true;
        break;
      case 'in':
        if (!isPlacement(v)) return undefined;
        break;
      case 'minHealthy':
        if (!isInteger(v, 1, MAX_REPLICAS)) return undefined;
        break;
      case 'scope':
        if (!SCOPES.has(v)) return undefined;
        break;
      case 'plane':
        if (!PLANES.has(v)) return undefined;
        break;
      case 'critical':
        if (typeof v !== 'boolean') return undefined;
        break;
      case 'weight':
        if (!isNumber(v, 0, MAX_WEIGHT)) return undefined;
        break;
      case 'availability':
        if (!isNumber(v, 0, 1) || v === 0) return undefined;
        break;
      case 'dependsOn':
        if (!Array.isArray(v)) return undefined;
        for (let i = 0; i < v.length; i++) if (!isDependency(v[i])) return undefined;
        break;
      case 'monitors':
        if (!isIdList(v)) return undefined;
        break;
      case 'owner':
      case 'description':
        if (typeof v !== 'string') return undefined;
        break;
      case 'tags':
        if (!isTags(v)) return undefined;
        break;
      case 'aliases':
        if (!Array.isArray(v)) return undefined;
        for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string' || v[i].length === 0) return undefined;
        break;
      default:
        // An unknown key (zod: unrecognized_keys), `__proto__` included.
        return undefined;
    }
  }
  return hasKind ? (value as unknown as ComponentInput) : undefined;
}

/** An object zod reads field by field the way this module does: plain, own keys only, no `undefined` value checked here. */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isId(v: unknown): boolean {
  return typeof v === 'string' && ID_PATTERN.test(v);
}

function isIdList(v: unknown): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!isId(v[i])) return false;
  return true;
}

/** A finite number in [min, max] (zod's `z.number()` refuses NaN and ±Infinity). */
function isNumber(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

/** zod's `.int()` is a safe integer. */
function isInteger(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

/** `in`: an id, a list of ids, or a map of id → replicas (`PlacementSchema`). */
function isPlacement(v: unknown): boolean {
  if (typeof v === 'string') return ID_PATTERN.test(v);
  if (Array.isArray(v)) return isIdList(v);
  if (!isPlain(v)) return false;
  // `__proto__` fails the id grammar here: zod's record drops that key instead, so zod decides.
  for (const domain in v) if (!ID_PATTERN.test(domain) || !isInteger(v[domain], 1, MAX_REPLICAS)) return false;
  return true;
}

/** `tags`: a map of text → text, number or boolean; a `__proto__` key goes to zod (its record drops it). */
function isTags(v: unknown): boolean {
  if (!isPlain(v)) return false;
  for (const key in v) {
    if (key === '__proto__') return false;
    const t = v[key];
    if (typeof t !== 'string' && typeof t !== 'boolean' && !(typeof t === 'number' && Number.isFinite(t))) return false;
  }
  return true;
}

/** One `dependsOn` entry: an id, `{ target, … }` or `{ anyOf, need, … }`, strict (`DependencySchema`). */
function isDependency(d: unknown): boolean {
  if (typeof d === 'string') return ID_PATTERN.test(d);
  if (!isPlain(d)) return false;
  const group = Object.hasOwn(d, 'anyOf');
  let hasHead = false;
  for (const key in d) {
    const v = d[key];
    switch (key) {
      case 'target':
        if (group || !isId(v)) return false;
        hasHead = true;
        break;
      case 'anyOf':
        if (!isIdList(v) || (v as unknown[]).length === 0) return false;
        hasHead = true;
        break;
      case 'need':
        if (!group || !isInteger(v, 1, Number.MAX_SAFE_INTEGER)) return false;
        break;
      case 'mode':
        if (!MODES.has(v)) return false;
        break;
      case 'via':
        if (!VIAS.has(v)) return false;
        break;
      case 'rollout':
        if (!ROLLOUTS.has(v)) return false;
        break;
      case 'phase':
        if (!PHASES.has(v)) return false;
        break;
      case 'timeoutMs':
        if (!isNumber(v, 0, MAX_TIMEOUT_MS)) return false;
        break;
      case 'retries':
        if (!isInteger(v, 0, MAX_RETRIES)) return false;
        break;
      case 'circuitBreaker':
      case 'bulkhead':
      case 'fallback':
        if (typeof v !== 'boolean') return false;
        break;
      default:
        return false;
    }
  }
  return hasHead;
}
