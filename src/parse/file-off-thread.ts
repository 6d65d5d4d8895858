/**
 * parseFile for a process that answers HTTP (`serve --watch`): an HTML file is read on the page
 * worker (page-reader.ts), with its time limit, so a hostile page cannot hold the thread that
 * answers `/health`; every other kind is read here, as parseFile does.
 */
import { extname } from 'node:path';
import { SearchError } from '../errors.js';
import type { Article } from './article.js';
import { checkArticle } from './check-article.js';
import { decodeText } from './decode.js';
import { plainPage } from './html-plain.js';
import { type LoadItem, parseFile } from './load.js';
import { readPage } from './page-reader.js';
import { articleFromPage } from './readability.js';

export async function parseFileOffThread(
  path: string,
  bytes: Uint8Array,
  id: string,
): Promise<{ articles: Article[]; skips: LoadItem[] }> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.html' && ext !== '.htm') return parseFile(path, bytes, id);
  const text = decodeText(bytes, path);
  const page = await readPage(text).catch((error: Error) => {
    throw new SearchError('BAD_INPUT', `${path}: ${error.message}`, { details: { file: path } });
  });
  const article = articleFromPage(id, page ?? plainPage(text));
  article.sourcePath = path;
  const skips: LoadItem[] = [];
  return {
    articles: [checkArticle(article, path, (w) => skips.push({ kind: 'skip', path, error: w }))],
    skips,
  };
}
