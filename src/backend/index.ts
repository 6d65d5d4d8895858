/** Backends: where articles, passages and vectors live. The embedded one is the default. */
export type { Backend } from './backend.js';
export { type EmbeddedBackendOptions, HNSW_FILE, openEmbeddedBackend } from './embedded.js';
export { type OpenBackendOptions, openBackend } from './open.js';
