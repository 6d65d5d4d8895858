/**
 * The files of a model folder handed to transformers.js through its cache interface. Without
 * it, transformers.js opens every local file it loads as a stream that reads the whole file
 * into a queue nobody reads, besides the read it does use: for the 58 MB model that is a second
 * full read, its garbage, and a process that cannot exit until the read is done, about 0.1 s of
 * CPU on each cold `ask`. The model itself is answered with its path (ONNX Runtime reads it, as
 * before), the small JSON files with their bytes.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { env } from '@huggingface/transformers';

type ModelCache = NonNullable<typeof env.customCache>;

/** `dir`: the model folder (absolute). Keys are a file's local path or its hub URL (`…/<folder name>/resolve/main/<file>`). */
export function localModelCache(dir: string): ModelCache {
  const local = `${dir}/`;
  const hub = `/${basename(dir)}/resolve/main/`;
  const fileOf = (key: string): string | undefined => {
    const rest = key.startsWith(local)
      ? key.slice(local.length)
      : key.includes(hub)
        ? key.slice(key.indexOf(hub) + hub.length)
        : undefined;
    if (rest === undefined) return undefined;
    const file = join(dir, rest);
    try {
      return statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async match(key) {
      const file = fileOf(String(key));
      if (file === undefined) return undefined;
      return file.endsWith('.onnx') ? file : new Response(readFileSync(file));
    },
    async put() {
      // Nothing to store: the folder is the cache.
    },
  };
}
