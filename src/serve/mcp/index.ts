/** MCP front end. */
export { createMcpServer, runStdioMcpServer } from './server.js';
