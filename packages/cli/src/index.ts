export { run, createProgram } from './program.js';
export { readSources, loadPaths, UsageError, type Io } from './io.js';
