/** Markdown articles: title from the first heading, paragraphs at blank lines (markup kept). */
import { type Article, paragraphsByBlankLines } from './article.js';

const HEADING = /^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$/m;

export function parseMarkdownArticle(id: string, text: string): Article {
  const blocks = paragraphsByBlankLines(text);
  const heading = HEADING.exec(text);
  let title = '';
  let body = blocks;
  if (heading) {
    title = (heading[1] ?? '').trim();
    const headingEnd = heading.index + heading[0].length;
    // Drop the title heading when it is a block on its own.
    body = blocks.filter(
      (b) => !(b.start <= heading.index + heading[0].indexOf('#') && b.end === headingEnd),
    );
  }
  return {
    id,
    title,
    text,
    paragraphs: body.map((p, index) => ({ ...p, index })),
    metadata: {},
  };
}
