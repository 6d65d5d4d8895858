/** HTTP front end. */
export { BODY_MAX_BYTES, createHttpApp, type HttpAppOptions } from './app.js';
export { type RunningServer, SHUTDOWN_GRACE_MS, startHttpServer } from './server.js';
export { createWriteTracker, type WriteTracker } from './write-tracker.js';
