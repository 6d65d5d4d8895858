/** Live sources (watched folders, followed feeds): their status file and small state files. */

export { formatAgo } from './ago.js';
export { readJsonFile, writeJsonFileAtomic } from './json-file.js';
export {
  readSourceStatus,
  SOURCES_FILE,
  type SourceKind,
  type SourcePatch,
  type SourceStatus,
  updateSourceStatus,
} from './status.js';
