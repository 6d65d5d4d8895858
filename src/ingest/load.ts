/**
 * From paths on disk to Articles: walks folders (include/exclude globs), picks a parser by
 * file type, and reports every file it cannot use as a skip with a reason instead of failing
 * the whole run.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, sep } from 'node:path';
import { SearchError } from '../errors.js';
import type { Article } from './article.js';
import { decodeText } from './decode.js';
import { parseHtmlArticle } from './html.js';
import { parseMarkdownArticle } from './markdown.js';
import { parseTextArticle } from './news.js';
import { parseJsonDocument, parseJsonLines } from './records.js';

/** One article's text may not be longer than this (characters). */
export const ARTICLE_MAX_CHARS = 2_000_000;
/** A single file may not be larger than this (bytes); corpora in .jsonl may be large. */
export const FILE_MAX_BYTES = 512 * 1024 * 1024;

export const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.json', '.jsonl'] as const;

export type LoadItem =
  | { kind: 'article'; article: Article }
  | { kind: 'skip'; path: string; error: SearchError; line?: number };

export interface LoadOptions {
  /** Globs a file's path (relative to the root given) must match; empty means all. */
  include?: readonly string[];
  /** Globs that exclude a file. Hidden files and node_modules are always skipped. */
  exclude?: readonly string[];
}

/** A tiny glob: `**` any folders, `*` anything but `/`, `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Check what every parser must guarantee: some text, not absurdly much. */
export function checkArticle(article: Article, where: string): Article {
  if (article.text.length > ARTICLE_MAX_CHARS) {
    throw new SearchError(
      'DOCUMENT_TOO_LARGE',
      `${where} is ${article.text.length} characters, over the ${ARTICLE_MAX_CHARS} limit; split it into smaller articles.`,
      { details: { file: where, chars: article.text.length, limit: ARTICLE_MAX_CHARS } },
    );
  }
  if (article.paragraphs.length === 0) {
    throw new SearchError('EMPTY_DOCUMENT', `${where} has no text to index; it was skipped.`, {
      details: { file: where },
    });
  }
  if (!article.id.trim()) throw new SearchError('BAD_INPUT', `${where}: the article id is empty.`);
  return article;
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
        articles.push(checkArticle(a, `${path} (id ${a.id})`));
      } catch (err) {
        skips.push({ kind: 'skip', path, error: err as SearchError });
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
  return { articles: [checkArticle(article, path)], skips };
}

/** Files under `root` (or `root` itself), sorted, with their ids relative to the root. */
export function listFiles(root: string, options: LoadOptions = {}): Array<{ path: string; id: string }> {
  const st = statSync(root);
  const strip = (p: string) => p.slice(0, p.length - extname(p).length);
  if (st.isFile()) return [{ path: root, id: strip(basename(root)) }];
  const include = (options.include ?? []).map(globToRegExp);
  const exclude = (options.exclude ?? []).map(globToRegExp);
  const out: Array<{ path: string; id: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const rel = relative(root, full).split(sep).join('/');
        if (include.length > 0 && !include.some((r) => r.test(rel))) continue;
        if (exclude.some((r) => r.test(rel))) continue;
        out.push({ path: full, id: strip(rel) });
      }
    }
  };
  walk(root);
  return out;
}

/**
 * How many articles the paths hold, for progress bars: one per file, one per non-empty line of
 * a .jsonl, one per element of a .json array. Unreadable files count as one.
 */
export function countArticles(paths: readonly string[], options: LoadOptions = {}): number {
  let total = 0;
  for (const root of paths) {
    for (const file of listFiles(root, options)) {
      const ext = extname(file.path).toLowerCase();
      try {
        if (ext === '.jsonl') {
          total += readFileSync(file.path, 'utf8')
            .split('\n')
            .filter((l) => l.trim()).length;
        } else if (ext === '.json') {
          const value: unknown = JSON.parse(readFileSync(file.path, 'utf8'));
          total += Array.isArray(value) ? value.length : 1;
        } else total += 1;
      } catch {
        total += 1;
      }
    }
  }
  return total;
}

/** Load every article under the given paths; unusable files come out as skips. */
export function* loadArticles(paths: readonly string[], options: LoadOptions = {}): Generator<LoadItem> {
  for (const root of paths) {
    let files: Array<{ path: string; id: string }>;
    try {
      files = listFiles(root, options);
    } catch (cause) {
      yield {
        kind: 'skip',
        path: root,
        error: new SearchError('NOT_FOUND', `${root}: no such file or folder (or it cannot be read).`, {
          cause,
        }),
      };
      continue;
    }
    for (const file of files) {
      let bytes: Buffer;
      try {
        const size = statSync(file.path).size;
        if (size > FILE_MAX_BYTES) {
          throw new SearchError(
            'DOCUMENT_TOO_LARGE',
            `${file.path} is ${size} bytes, over the ${FILE_MAX_BYTES} limit.`,
          );
        }
        bytes = readFileSync(file.path);
      } catch (cause) {
        yield {
          kind: 'skip',
          path: file.path,
          error:
            cause instanceof SearchError
              ? cause
              : new SearchError(
                  'NOT_FOUND',
                  `${file.path}: cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'}); check its permissions.`,
                  { cause },
                ),
        };
        continue;
      }
      try {
        const { articles, skips } = parseFile(file.path, bytes, file.id);
        yield* skips;
        for (const article of articles) {
          // Records of a .jsonl/.json come from this file too (prune needs to know it).
          article.sourcePath ??= file.path;
          yield { kind: 'article', article };
        }
      } catch (err) {
        yield {
          kind: 'skip',
          path: file.path,
          error:
            err instanceof SearchError
              ? err
              : new SearchError('BAD_INPUT', `${file.path}: ${(err as Error).message}`, { cause: err }),
        };
      }
    }
  }
}
