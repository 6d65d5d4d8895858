/** The backend the configuration names: the embedded default, or an Elasticsearch cluster. */

import type { Backend } from '../backends/backend.js';
import { openEmbeddedBackend } from '../backends/embedded/embedded.js';
import type { SemsearchConfig } from '../config.js';
import { SearchError } from '../errors.js';

export interface OpenBackendOptions {
  mustExist?: boolean;
  /** Open the embedded index for reading only. @default false: only when it cannot be written */
  readOnly?: boolean | undefined;
  log?: (line: string) => void;
  /** Housekeeping lines, for a debug log. */
  debug?: ((line: string) => void) | undefined;
  /** Write large batches off the calling thread (a server's HTTP thread). */
  offThreadWrites?: boolean | undefined;
}

export async function openBackend(
  config: Readonly<SemsearchConfig>,
  options: OpenBackendOptions = {},
): Promise<Backend> {
  if (config.backend !== 'elasticsearch') {
    return openEmbeddedBackend({
      dir: config.indexDir,
      mustExist: options.mustExist ?? false,
      readOnly: options.readOnly,
      log: options.log,
      debug: options.debug,
      offThreadWrites: options.offThreadWrites,
    });
  }
  // Imported here: the embedded default never loads the Elasticsearch modules.
  const { openElasticsearchBackend } = await import('../backends/elasticsearch/index.js');
  const backend = await openElasticsearchBackend({ url: config.esUrl, namespace: config.esIndex });
  if (options.mustExist && !(await backend.store.manifest())) {
    await backend.store.close();
    throw new SearchError(
      'INDEX_NOT_FOUND',
      `No index "${config.esIndex}" on ${config.esUrl}; build one with "semsearch ingest [paths] --backend elasticsearch --es-url ${config.esUrl}".`,
    );
  }
  return backend;
}
