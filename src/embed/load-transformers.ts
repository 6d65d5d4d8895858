/**
 * transformers.js, loaded the first time a model is (not when the library is), through its
 * CommonJS build, with sharp left out and V8's code cache kept.
 *
 * transformers.js imports sharp, an image library with a 19 MB native libvips, as soon as it
 * loads, and refuses to load without it. semsearch embeds text and never calls it, yet loading
 * it was about 0.15 s of CPU in every new `semsearch ask` (measured back to back: 0.83 → 0.62 s
 * CPU, load average 2.5). The CommonJS build gets sharp with require(), and require() looks in
 * require.cache first: an entry for sharp's own file, holding a function that says images are
 * not supported, is what it gets. Only this process's require() of sharp sees that entry; the
 * package stays installed and untouched.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

type Transformers = typeof import('@huggingface/transformers');

/** The V8 code cache of transformers.js's bundle, kept in the model cache folder. */
export const CODE_CACHE_FILE = 'transformers.v8-code-cache';

let loaded: Transformers | undefined;
let pending: CommonJsLoad | undefined;

function noImages(): never {
  throw new Error('semsearch embeds text only: transformers.js image input is not supported here.');
}

export interface CommonJsLoad {
  exports: unknown;
  /** Whether the code cache was missing or refused (V8 compiled afresh). */
  compiled: boolean;
  /** Write the code cache (best effort), with whatever the module has compiled by now. */
  save(): void;
}

/**
 * Compile and run a CommonJS file as require() would, with a V8 code cache at `cacheFile`:
 * parsing and compiling transformers.js's 1.5 MB bundle was about 30 ms of every new process.
 * V8 checks the cache against the source, its own version and flags, and compiles afresh when
 * it does not fit. The module is entered in require.cache like any other.
 */
export function loadCommonJs(entry: string, cacheFile: string): CommonJsLoad {
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(entry, 'utf8')), { filename: entry, cachedData });
  const module = new Module(entry);
  module.filename = entry;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    dirname(entry),
  );
  const requireFrom = createRequire(entry);
  requireFrom.cache[entry] = module;
  try {
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, requireFrom, module, entry, dirname(entry));
  } catch (error) {
    delete requireFrom.cache[entry];
    throw error;
  }
  module.loaded = true;
  return {
    exports: module.exports,
    compiled: cachedData === undefined || script.cachedDataRejected === true,
    save() {
      try {
        // Per process and thread: a server's search workers may all save it at once.
        const partial = `${cacheFile}.${process.pid}.${threadId}.tmp`;
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // A read-only folder: compile every time.
      }
    },
  };
}

/**
 * Write the code cache once a model has loaded (so it holds the functions loading compiled),
 * if there was none or V8 refused it.
 */
export function saveTransformersCodeCache(): void {
  if (pending?.compiled) pending.save();
  pending = undefined;
}

/** `cacheDir`: where the code cache lives (the model cache); without it, a plain require(). */
export function transformers(cacheDir?: string): Transformers {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@huggingface/transformers');
  try {
    // sharp as transformers.js would resolve it, from its own folder.
    const sharpFile = createRequire(entry).resolve('sharp');
    if (!require.cache[sharpFile]) {
      const stand = new Module(sharpFile);
      stand.filename = sharpFile;
      stand.paths = [dirname(sharpFile)];
      stand.exports = noImages;
      stand.loaded = true;
      require.cache[sharpFile] = stand;
    }
  } catch {
    // sharp is not installed: transformers.js will say so itself if it needs it.
  }
  if (cacheDir) {
    pending = loadCommonJs(entry, join(cacheDir, CODE_CACHE_FILE));
    loaded = pending.exports as Transformers;
  } else {
    loaded = require(entry) as Transformers;
  }
  return loaded;
}
