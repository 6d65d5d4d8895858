/**
 * The article view: paragraphs rendered as text (Markdown marks dropped, nothing interpreted),
 * a sticky header with title, meta line, the original article and the way back, and every
 * passage that matched the question set off, its words of the question marked, with
 * previous/next links between the passages.
 */
import type { FC } from 'hono/jsx';
import { type ParsedQuery, parseQuery } from '../../../analysis/index.js';
import type { StoredArticle } from '../../../index.js';
import { collectionOf, emphasisOf, metaLine, splitEmphasis, type TitleMark } from '../../../results/index.js';
import { Layout, Untitled } from './components.js';
import { OriginalLink, originalUrl } from './original-link.js';

export interface MarkedSpan {
  start: number;
  end: number;
  /** The passage the result linked to. */
  primary: boolean;
}

/** Markdown marks a reader should not see: heading hashes, emphasis stars, link syntax. */
export function unmark(text: string): string {
  return text
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .replace(/(\*\*|__)(?=\S)([^*_\n]*?\S)\1/g, '$2')
    .replace(/(^|\s)[*_](?=\S)([^*_\n]*?\S)[*_](?=\s|[.,;:!?]|$)/g, '$1$2')
    .replace(/^\s*[-*+]\s+/gm, '• ');
}

type Piece = { text: string; mark?: { index: number; primary: boolean } };

/** One paragraph cut at the marked spans. */
function piecesOf(text: string, base: number, spans: readonly MarkedSpan[]): Piece[] {
  const out: Piece[] = [];
  let cursor = 0;
  spans.forEach((s, index) => {
    const from = Math.max(cursor, s.start - base);
    const to = Math.min(text.length, s.end - base);
    if (to <= from) return;
    if (from > cursor) out.push({ text: text.slice(cursor, from) });
    out.push({ text: text.slice(from, to), mark: { index, primary: s.primary } });
    cursor = to;
  });
  if (cursor < text.length) out.push({ text: text.slice(cursor) });
  return out;
}

/** A matched passage's text with the question's words marked (the passage alone is set off by its style). */
const MatchedWords: FC<{ text: string; words: ParsedQuery | undefined }> = ({ text, words }) => (
  <>
    {(words ? splitEmphasis(text, emphasisOf(text, words)) : [{ text, em: false }]).map((part) =>
      part.em ? <mark>{unmark(part.text)}</mark> : unmark(part.text),
    )}
  </>
);

export const ArticlePage: FC<{
  article: StoredArticle & TitleMark;
  spans: MarkedSpan[];
  q: string;
  back: string;
}> = ({ article, spans, q, back }) => {
  const meta = metaLine({ ...article, collection: collectionOf(article) });
  const paragraphs =
    article.paragraphs.length > 0 ? article.paragraphs : [{ index: 0, start: 0, end: article.text.length }];
  const seen = new Set<number>();
  const total = spans.length;
  const words = q.trim() ? parseQuery(q) : undefined;
  return (
    <Layout title={`${article.title || article.id} · semsearch`}>
      <header class="article-head">
        <nav aria-label="Back">
          <a href={back}>← Back to results</a>
        </nav>
        <h1>
          {article.title || article.id}
          <Untitled derived={article.titleDerived} />
        </h1>
        {meta ? <p class="meta">{meta}</p> : null}
        <OriginalLink url={originalUrl(article.metadata)} />
        {total > 0 ? (
          <nav class="match-nav" aria-label="Matches">
            <span class="match-count">
              {total} matching passage{total === 1 ? '' : 's'}
              {q ? ` for “${q}”` : ''}
            </span>
            <a href="#match-1" class="match-prev">
              ↑ Previous
            </a>
            <a href="#match-1" class="match-next">
              ↓ Next
            </a>
          </nav>
        ) : null}
      </header>
      <main id="main">
        <article class="full article-text">
          {paragraphs.map((p) => (
            <p>
              {piecesOf(article.text.slice(p.start, p.end), p.start, spans).map((piece) => {
                if (!piece.mark) return unmark(piece.text);
                const first = !seen.has(piece.mark.index);
                seen.add(piece.mark.index);
                const id = piece.mark.primary && first ? 'hit' : undefined;
                return (
                  <span
                    id={id}
                    class={`${piece.mark.primary ? 'match primary' : 'match'}${first ? ' match-start' : ''}`}
                    data-match={String(piece.mark.index + 1)}
                    tabindex={first ? -1 : undefined}
                  >
                    {first ? <span id={`match-${piece.mark.index + 1}`} class="anchor" /> : null}
                    <MatchedWords text={piece.text} words={words} />
                  </span>
                );
              })}
            </p>
          ))}
        </article>
      </main>
    </Layout>
  );
};
