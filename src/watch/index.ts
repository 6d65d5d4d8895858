/** Watch stage: keep folders' articles current while the process runs. */
export {
  createFolderWatcher,
  type FolderWatcher,
  type FolderWatcherOptions,
  WATCH_DEBOUNCE_MS,
  WATCH_MAX_WAIT_MS,
  WATCH_ROOT_POLL_MS,
  WATCH_WRITE_STABLE_MS,
} from './folder-watcher.js';
export { readWatchedFiles, WATCHED_FILES_FILE } from './watched-files.js';
