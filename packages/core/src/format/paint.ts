/**
 * Paint: colour without a terminal dependency
 * ===========================================
 *
 * Formatters are pure (string in, string out) and run in the browser too, so
 * they never decide about colour: the CLI passes a `Paint` that colours (or
 * not) according to the stream and NO_COLOR.
 */
export type Style = 'red' | 'yellow' | 'green' | 'gray' | 'bold' | 'dim' | 'cyan';

export type Paint = (style: Style, text: string) => string;

/** No colour at all. */
export const plain: Paint = (_style, text) => text;
