/**
 * transformers.js, loaded the first time a model is (not when the library is), through its
 * CommonJS build, with sharp left out.
 *
 * transformers.js imports sharp, an image library with a 19 MB native libvips, as soon as it
 * loads, and refuses to load without it. semsearch embeds text and never calls it, yet loading
 * it was about 0.15 s of CPU in every new `semsearch ask` (measured back to back: 0.83 → 0.62 s
 * CPU, load average 2.5). The CommonJS build gets sharp with require(), and require() looks in
 * require.cache first: an entry for sharp's own file, holding a function that says images are
 * not supported, is what it gets. Only this process's require() of sharp sees that entry; the
 * package stays installed and untouched.
 */
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';

type Transformers = typeof import('@huggingface/transformers');

let loaded: Transformers | undefined;

function noImages(): never {
  throw new Error('semsearch embeds text only: transformers.js image input is not supported here.');
}

export function transformers(): Transformers {
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
  loaded = require(entry) as Transformers;
  return loaded;
}
