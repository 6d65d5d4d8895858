/** Ingest stage: files and records in, Articles (text + paragraph offsets + metadata) out. */
export { type Article, type Paragraph, paragraphsByBlankLines } from './article.js';
export {
  checkCollectionName,
  defaultCollection,
  fileArticleId,
  putInCollection,
} from './collection.js';
export { countArticles } from './count.js';
export { decodeText, firstInvalidUtf8, looksBinary } from './decode.js';
export { parseFileOffThread } from './file-off-thread.js';
export { globMatcher } from './glob.js';
export { parseHtmlArticle } from './html.js';
export { HTML_DEPTH_MAX, HTML_LIMITS, htmlDepth, measureHtml } from './html-shape.js';
export { countJsonLines, readLines, streamJsonLines } from './jsonl-stream.js';
export {
  ARTICLE_MAX_CHARS,
  checkArticle,
  FILE_MAX_BYTES,
  type LoadItem,
  type LoadOptions,
  listFiles,
  loadArticles,
  notARegularFile,
  parseFile,
  SUPPORTED_EXTENSIONS,
  TITLE_MAX_CHARS,
} from './load.js';
export { parseMarkdownArticle } from './markdown.js';
export { type Dateline, isoDate, parseDateline, parseTextArticle } from './news.js';
export { PAGE_READ_LIMIT_MS, pagesBeingRead, readPage } from './page-reader.js';
export { articleFromPage, type ExtractedPage, extractPage, isoDay, stripSiteSuffix } from './readability.js';
export {
  jsonDepth,
  METADATA_MAX_DEPTH,
  parseJsonDocument,
  parseJsonLines,
  recordToArticle,
} from './records.js';
export { applySidecar, createSidecarReader, SIDECAR_FILE } from './sidecar.js';
