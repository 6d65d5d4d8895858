/** semsearch as a library: the one entry point the CLI, HTTP server and MCP server build on. */
export * from './chunk/index.js';
export * from './config.js';
export * from './embed/index.js';
export * from './errors.js';
export * from './ingest/index.js';
export * from './search/index.js';
export * from './store/index.js';
export * from './vectors/index.js';
