/**
 * The kind of a user-facing flow ("purchase works"): a target of failures,
 * never one itself. In a module of its own, not in schema.ts, so that reading
 * a model (serialize.ts, in the viewer page) does not ship the schema library.
 */
export const JOURNEY_KIND = 'journey';
