/**
 * HTML articles: the readability extractor (readability.ts) first, which drops navigation,
 * banners, related links and comments; when it finds nothing readable, the plain parse5 walk
 * (html-plain.ts). The article text is the extracted text, one paragraph per block element.
 */
import type { Article } from './article.js';
import { plainPage } from './html-plain.js';
import { articleFromPage, extractPage } from './readability.js';

export function parseHtmlArticle(id: string, html: string): Article {
  return articleFromPage(id, extractPage(html) ?? plainPage(html));
}
