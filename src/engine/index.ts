/**
 * The engine: opens a backend, loads the embedder on first use, and runs every operation
 * (ingest, delete, search) over them. The CLI, HTTP server and MCP server sit on this.
 */
export {
  createSearchEngine,
  type EngineStats,
  type SearchEngine,
  type SearchEngineOptions,
} from './engine.js';
export {
  findStatements,
  type StatementsRequest,
  type StatementsResponse,
} from './find-statements.js';
export { checkManifest, ensureManifest, type ModelChoice, modelArgument } from './manifest.js';
export { type OpenBackendOptions, openBackend } from './open-backend.js';
export type { ListedSpeaker, SpeakersQuery, SpeakersResponse } from './speakers.js';
export { deleteArticles, ingestArticles, ingestPaths } from './write.js';
