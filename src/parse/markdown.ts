/**
 * Markdown articles: YAML front matter into fields, title from the front matter or the first
 * heading, each other heading joined to the paragraph it heads (a heading alone says too little
 * to be a passage), as a sentence of its own, and inline markup stripped, so the stored and embedded text is what a
 * reader sees.
 */
import { type Article, type Paragraph, paragraphsByBlankLines } from './article.js';
import { readFrontMatter } from './front-matter.js';

const HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/;
const SETEXT = /^(.+)\r?\n[ \t]*(=+|-+)[ \t]*$/;

/** Inline and block markup off one block; keeps the words. */
export function stripMarkdown(block: string): string {
  return block
    .split('\n')
    .filter((line) => !/^ {0,3}(```|~~~)/.test(line)) // code fences (their content stays)
    .map((line) =>
      line
        .replace(/^ {0,3}>[ \t]?/, '') // block quotes
        .replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/, '') // list markers
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: the alt text
        .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links: the link text
        .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference links
        .replace(/<\/?[a-zA-Z][^>]*>/g, '') // inline HTML tags
        .replace(/(\*\*|__)(.+?)\1/g, '$2')
        .replace(/(^|[^\w*])[*_]([^*_\s][^*_]*?)[*_](?=[^\w*]|$)/g, '$1$2')
        .replace(/`([^`]+)`/g, '$1')
        .replace(/~~(.+?)~~/g, '$1')
        .trimEnd(),
    )
    .filter((line) => !/^ {0,3}([-*_])( *\1){2,} *$/.test(line)) // thematic breaks
    .join('\n')
    .trim();
}

function headingText(block: string): string | undefined {
  if (block.includes('\n')) {
    const setext = SETEXT.exec(block);
    return setext ? (setext[1] ?? '').trim() : undefined;
  }
  const atx = HEADING.exec(block);
  return atx ? (atx[1] ?? '').trim() : undefined;
}

export function parseMarkdownArticle(id: string, source: string): Article {
  const front = readFrontMatter(source);
  const blocks = paragraphsByBlankLines(source, front.length).map((p) => source.slice(p.start, p.end));
  let title = front.title ?? '';
  const parts: string[] = [];
  let headings: string[] = [];
  for (const block of blocks) {
    const heading = headingText(block);
    if (heading !== undefined) {
      // The first heading is the title when the front matter gives none.
      if (!title && parts.length === 0 && headings.length === 0) title = stripMarkdown(heading);
      // A heading reads as its own sentence before the paragraph it heads: with no stop of its
      // own it gets one, so a snippet does not run it into the text ("Libraries Funding for…").
      else headings.push(stripMarkdown(heading).replace(/([^.!?:;…])$/u, '$1.'));
      continue;
    }
    const body = stripMarkdown(block);
    if (!body) continue;
    parts.push([...headings, body].join('\n'));
    headings = []; // a heading with nothing under it (at the end) is dropped
  }
  let text = '';
  const paragraphs: Paragraph[] = [];
  for (const part of parts) {
    if (text) text += '\n\n';
    paragraphs.push({ index: paragraphs.length, start: text.length, end: text.length + part.length });
    text += part;
  }
  const metadata: Record<string, unknown> = { ...front.metadata };
  if (front.problem) metadata.frontMatterError = front.problem;
  // A date or source the front matter lacks is left out, not set to undefined: the content
  // hash reads the article's JSON, and a sidecar's date would then land at another key position.
  const article: Omit<Article, 'metadata'> = { id, title, text, paragraphs };
  if (front.date) article.date = front.date;
  if (front.source) article.source = front.source;
  return { ...article, metadata };
}
