/**
 * From paths on disk to Articles: walks folders (include/exclude globs), picks a parser by
 * file type, and reports every file it cannot use as a skip with a reason instead of failing
 * the whole run.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { SearchError } from '../errors.js';
import { DATABASE_FILE } from '../index-files.js';
import type { Article } from './article.js';
import { ARTICLE_MAX_CHARS, checkArticle, TITLE_MAX_CHARS } from './check-article.js';
import { fileArticleId, putInCollection } from './collection.js';

export { ARTICLE_MAX_CHARS, checkArticle, TITLE_MAX_CHARS };

import { decodeText } from './decode.js';
import { globMatcher } from './glob.js';
import { parseHtmlArticle } from './html.js';
import { streamJsonLines } from './jsonl-stream.js';
import { parseMarkdownArticle } from './markdown.js';
import { parseTextArticle } from './news.js';
import { asSearchError, parseJsonDocument, parseJsonLines } from './records.js';
import { applySidecar, createSidecarReader, SIDECAR_FILE } from './sidecar.js';

/** A single file may not be larger than this (bytes); corpora in .jsonl may be large. */
export const FILE_MAX_BYTES = 512 * 1024 * 1024;

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.json', '.jsonl'] as const;

export type LoadItem =
  | { kind: 'article'; article: Article }
  | { kind: 'skip'; path: string; error: SearchError; line?: number };

export interface LoadOptions {
  /** Globs a file's path (relative to the root given) must match; empty means all. */
  include?: readonly string[] | undefined;
  /** Globs that exclude a file. Hidden files and node_modules are always skipped. */
  exclude?: readonly string[] | undefined;
  /**
   * Put the articles in a collection: ids become "collection/relative-path" (records:
   * "collection/record-id"), whatever folder the ingest runs from. A function names the
   * collection of each root (see `defaultCollection`). Absent: ids relative to the root.
   */
  collection?: string | ((root: string) => string) | undefined;
  /** The year of datelines that give none (and no sidecar date). */
  year?: number | undefined;
}

/** Parse one file's bytes into articles; `id` is the base article id. */
export function parseFile(
  path: string,
  bytes: Uint8Array,
  id: string,
): { articles: Article[]; skips: LoadItem[] } {
  const ext = extname(path).toLowerCase();
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new SearchError(
      'UNSUPPORTED_FILE',
      `${path}: unsupported file type "${ext || '(none)'}"; use one of ${SUPPORTED_EXTENSIONS.join(' ')}.`,
      { details: { file: path } },
    );
  }
  const text = decodeText(bytes, path);
  const skips: LoadItem[] = [];
  let articles: Article[];
  if (ext === '.jsonl' || ext === '.json') {
    const result = ext === '.jsonl' ? parseJsonLines(text, path, id) : parseJsonDocument(text, path, id);
    for (const p of result.problems) skips.push({ kind: 'skip', path, error: p.error, line: p.line });
    articles = [];
    for (const a of result.articles) {
      try {
        articles.push(
          checkArticle(a, `${path} (id ${a.id})`, (w) => skips.push({ kind: 'skip', path, error: w })),
        );
      } catch (err) {
        skips.push({ kind: 'skip', path, error: asSearchError(err, path) });
      }
    }
    return { articles, skips };
  }
  const article =
    ext === '.md' || ext === '.markdown'
      ? parseMarkdownArticle(id, text)
      : ext === '.html' || ext === '.htm'
        ? parseHtmlArticle(id, text)
        : parseTextArticle(id, text);
  article.sourcePath = path;
  return {
    articles: [checkArticle(article, path, (w) => skips.push({ kind: 'skip', path, error: w }))],
    skips,
  };
}

/** Why an entry that is not a file or folder (a link, FIFO, socket or device) is not read. */
export function notARegularFile(
  full: string,
  entry: { isSymbolicLink(): boolean; isFIFO(): boolean; isSocket(): boolean },
): SearchError {
  const what = entry.isSymbolicLink()
    ? 'a symbolic link (links are not followed; ingest its target by its own path)'
    : entry.isFIFO()
      ? 'a FIFO (named pipe)'
      : entry.isSocket()
        ? 'a socket'
        : 'a device or special file';
  return new SearchError('UNSUPPORTED_FILE', `${full} is ${what}; it was skipped.`, {
    details: { file: full },
  });
}

/**
 * Files under `root` (or `root` itself), sorted, with their ids relative to the root. Inside
 * folders, symbolic links, FIFOs, sockets and devices are not followed or read: each is
 * reported to `onSkip` (a FIFO would block the read forever; a link may lead out of the tree).
 */
export function listFiles(
  root: string,
  options: LoadOptions = {},
  onSkip: (skip: LoadItem & { kind: 'skip' }) => void = () => {},
): Array<{ path: string; id: string }> {
  const st = statSync(root);
  if (st.isFile()) return [{ path: root, id: fileArticleId(basename(root)) }];
  if (!st.isDirectory()) {
    throw new SearchError(
      'UNSUPPORTED_FILE',
      `${root} is neither a file nor a folder (a FIFO or device?); it was skipped.`,
    );
  }
  const include = options.include?.length ? globMatcher(options.include) : () => true;
  const exclude = globMatcher(options.exclude ?? []);
  const out: Array<{ path: string; id: string }> = [];
  const walk = (dir: string) => {
    // An index folder inside the tree (`ingest .` beside `--index ./idx`): its database, WAL
    // and graph are not articles.
    if (existsSync(join(dir, DATABASE_FILE))) {
      onSkip({
        kind: 'skip',
        path: dir,
        error: new SearchError('UNSUPPORTED_FILE', `${dir} is a semsearch index folder; it was skipped.`, {
          details: { file: dir },
        }),
      });
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === SIDECAR_FILE)
        continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const rel = relative(root, full).split(sep).join('/');
        if (!include(rel) || exclude(rel)) continue;
        out.push({ path: full, id: fileArticleId(rel) });
      } else {
        onSkip({ kind: 'skip', path: full, error: notARegularFile(full, entry) });
      }
    }
  };
  walk(root);
  return out;
}

/** Load every article under the given paths; unusable files, records and entries come out as skips. */
export function* loadArticles(paths: readonly string[], options: LoadOptions = {}): Generator<LoadItem> {
  for (const root of paths) {
    const collection =
      typeof options.collection === 'function' ? options.collection(root) : options.collection;
    for (const item of loadRoot(root, options)) {
      if (item.kind === 'article' && collection !== undefined) putInCollection(item.article, collection);
      yield item;
    }
  }
}

function* loadRoot(root: string, options: LoadOptions): Generator<LoadItem> {
  const sidecarSkips: LoadItem[] = [];
  const sidecarOf = createSidecarReader((error, path) => sidecarSkips.push({ kind: 'skip', path, error }));
  let files: Array<{ path: string; id: string }>;
  const entrySkips: LoadItem[] = [];
  try {
    files = listFiles(root, options, (skip) => entrySkips.push(skip));
  } catch (cause) {
    yield {
      kind: 'skip',
      path: root,
      error:
        cause instanceof SearchError
          ? cause
          : new SearchError('NOT_FOUND', `${root}: no such file or folder (or it cannot be read).`, {
              cause,
            }),
    };
    return;
  }
  yield* entrySkips;
  for (const file of files) {
    if (extname(file.path).toLowerCase() === '.jsonl') {
      yield* loadJsonLines(file.path, file.id);
      continue;
    }
    const entry = sidecarOf(file.path);
    yield* sidecarSkips.splice(0);
    for (const item of loadFile(file.path, file.id)) {
      if (item.kind === 'skip') yield item;
      else {
        const warnings: LoadItem[] = [];
        const article = applySidecar(item.article, entry, options.year, (error) =>
          warnings.push({ kind: 'skip', path: file.path, error }),
        );
        yield* warnings;
        yield { kind: 'article', article };
      }
    }
  }
}

/** A .jsonl corpus, streamed: each line is an article or a skip; a failure midway keeps what came before. */
function* loadJsonLines(path: string, id: string): Generator<LoadItem> {
  try {
    for (const item of streamJsonLines(path, id)) {
      if ('problem' in item) {
        yield { kind: 'skip', path, error: item.problem.error, line: item.problem.line };
        continue;
      }
      const warnings: LoadItem[] = [];
      let article: Article;
      try {
        article = checkArticle(item.article, `${path} (id ${item.article.id})`, (w) =>
          warnings.push({ kind: 'skip', path, error: w }),
        );
      } catch (err) {
        yield { kind: 'skip', path, error: asSearchError(err, path) };
        continue;
      }
      yield* warnings;
      // Records come from this file (prune needs to know which file held them).
      article.sourcePath ??= path;
      yield { kind: 'article', article };
    }
  } catch (cause) {
    yield { kind: 'skip', path, error: readError(path, cause) };
  }
}

/** One file read whole (every format but .jsonl is one article or one JSON document). */
function* loadFile(path: string, id: string): Generator<LoadItem> {
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > FILE_MAX_BYTES) {
      throw new SearchError(
        'DOCUMENT_TOO_LARGE',
        `${path} is ${size} bytes, over the ${FILE_MAX_BYTES} limit.`,
      );
    }
    bytes = readFileSync(path);
  } catch (cause) {
    yield { kind: 'skip', path, error: readError(path, cause) };
    return;
  }
  try {
    const { articles, skips } = parseFile(path, bytes, id);
    yield* skips;
    for (const article of articles) {
      article.sourcePath ??= path;
      yield { kind: 'article', article };
    }
  } catch (err) {
    yield { kind: 'skip', path, error: asSearchError(err, path) };
  }
}

function readError(path: string, cause: unknown): SearchError {
  return cause instanceof SearchError
    ? cause
    : new SearchError(
        'NOT_FOUND',
        `${path}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.`,
        { cause },
      );
}
