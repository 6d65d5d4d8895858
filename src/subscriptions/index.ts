/** Live sources (watched folders, followed feeds): their status file and small state files. */

export { formatAgo } from './ago.js';
export { readJsonFile, writeJsonFileAtomic } from './json-file.js';
export {
  type LiveSourceStatus,
  liveSourceStatus,
  NOT_RUNNING,
  readSourceStatus,
  runningHere,
  SOURCES_FILE,
  type SourceKind,
  type SourcePatch,
  type SourceStatus,
  sourceRunning,
  updateSourceStatus,
} from './status.js';
