/**
 * transformers.js, loaded the first time a model is (not when the library is), through its
 * CommonJS build, with sharp left out and V8's code cache kept.
 *
 * transformers.js imports sharp, an image library with a 19 MB native libvips, as soon as it
 * loads, and refuses to load without it. semsearch embeds text and never calls it, yet loading
 * it was about 0.15 s of CPU in every new `semsearch ask` (measured back to back: 0.83 → 0.62 s
 * CPU, load average 2.5). The CommonJS build gets sharp with require(), and require() looks in
 * require.cache first: an entry for sharp's own file, holding a function that says images are
 * not supported, is what it gets, and the entry is removed once it has loaded: a later require()
 * of sharp elsewhere in the process gets the real package, which stays installed and untouched.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** The code cache file: a magic, the key it was made for, its data's sha256, then V8's data. */
const MAGIC = Buffer.from('SSV8CC01');
const HASH_BYTES = 32;
const HEADER_BYTES = MAGIC.length + 2 * HASH_BYTES;

const sha256 = (...parts: Array<string | Uint8Array>): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/**
 * What a code cache must have been made for: this exact source, V8 version and architecture.
 * V8's own check compares only the source's length, so an upgraded package of the same size
 * would run the old code.
 */
function cacheKey(source: string): Buffer {
  return sha256(source, '\0', process.versions.v8, '\0', process.arch);
}

/**
 * V8's data from a code cache file, only if the file was made for `key` and is whole: V8 trusts
 * the data it is given, and a damaged byte inside it ends the process (not an exception).
 */
function readCodeCache(cacheFile: string, key: Buffer): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (file.length <= HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const madeFor = file.subarray(MAGIC.length, MAGIC.length + HASH_BYTES);
  const checksum = file.subarray(MAGIC.length + HASH_BYTES, HEADER_BYTES);
  const data = file.subarray(HEADER_BYTES);
  if (!madeFor.equals(key) || !sha256(data).equals(checksum)) return undefined;
  return data;
}

/**
 * Compile and run a CommonJS file as require() would, with a V8 code cache at `cacheFile`:
 * parsing and compiling transformers.js's 1.5 MB bundle was about 30 ms of every new process.
 * The cache is used only when it was made for this source, V8 and architecture and its checksum
 * holds; otherwise the file compiles afresh. The module is entered in require.cache like any other.
 */
export function loadCommonJs(entry: string, cacheFile: string): CommonJsLoad {
  const source = readFileSync(entry, 'utf8');
  const key = cacheKey(source);
  const cachedData = readCodeCache(cacheFile, key);
  const script = new Script(Module.wrap(source), { filename: entry, cachedData });
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
      // Per process and thread: a server's search workers may all save it at once.
      const partial = `${cacheFile}.${process.pid}.${threadId}.tmp`;
      try {
        const data = script.createCachedData();
        writeFileSync(partial, Buffer.concat([MAGIC, key, sha256(data), data]));
        renameSync(partial, cacheFile);
      } catch {
        // A read-only folder or a full disk: compile every time.
        rmSync(partial, { force: true });
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
  let stand: Module | undefined;
  let sharpFile: string | undefined;
  try {
    // sharp as transformers.js would resolve it, from its own folder.
    sharpFile = createRequire(entry).resolve('sharp');
    if (!require.cache[sharpFile]) {
      stand = new Module(sharpFile);
      stand.filename = sharpFile;
      stand.paths = [dirname(sharpFile)];
      stand.exports = noImages;
      stand.loaded = true;
      require.cache[sharpFile] = stand;
    }
  } catch {
    // sharp is not installed: transformers.js will say so itself if it needs it.
  }
  try {
    if (cacheDir) {
      pending = loadCommonJs(entry, join(cacheDir, CODE_CACHE_FILE));
      loaded = pending.exports as Transformers;
    } else {
      loaded = require(entry) as Transformers;
    }
  } finally {
    // transformers.js took sharp as it loaded; anything else in the process that requires sharp
    // later gets the real one.
    if (stand && sharpFile && require.cache[sharpFile] === stand) delete require.cache[sharpFile];
  }
  return loaded;
}
