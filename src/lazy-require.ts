/**
 * A CommonJS package loaded the first time it is used instead of when the importing module is.
 * A new `semsearch ask` process imports the whole library, yet never parses a web page, reads a
 * feed or talks to Elasticsearch: loading those engines up front cost it about half a second.
 * Only for packages with a CommonJS entry (require() of an ES module needs Node 20.19).
 *
 * @example
 * const yaml = lazyRequire<typeof import('yaml')>('yaml', import.meta.url);
 * yaml().parse('a: 1');
 */
import { createRequire } from 'node:module';

export function lazyRequire<T>(specifier: string, from: string): () => T {
  const require = createRequire(from);
  let loaded: T | undefined;
  return () => {
    loaded ??= require(specifier) as T;
    return loaded;
  };
}
