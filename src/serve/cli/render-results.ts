/**
 * The CLI's views of a results page: a compact default that fits a terminal (title, meta line,
 * snippets), and --md, --csv and --files for other tools. Scores only with --explain.
 */

import {
  matchesNote,
  metaLine,
  type ResultCard,
  type ResultsResponse,
  speakerHeadline,
  splitEmphasis,
  statementAlso,
  statementByline,
  statementWords,
} from '../../results/index.js';
import { plain } from './plain.js';
import type { Style } from './render.js';

function snippetText(
  text: string,
  emphasis: ResultCard['snippets'][number]['emphasis'],
  mark: (s: string) => string,
) {
  return splitEmphasis(plain(text), emphasis)
    .map((p) => (p.em ? mark(p.text) : p.text))
    .join('');
}

function explainLine(card: ResultCard): string | undefined {
  if (!card.explain) return undefined;
  return card.explain.passages
    .map((p) =>
      [
        `passage ${p.passageId} [${p.start}–${p.end}]`,
        `score ${p.score.toFixed(3)}`,
        `relevance ${p.relevance.toFixed(3)}`,
        p.dense !== null ? `cosine ${p.dense.toFixed(3)}` : undefined,
        p.denseRank !== null ? `dense #${p.denseRank}` : undefined,
        p.lexicalRank !== null ? `lexical #${p.lexicalRank}` : undefined,
        `coverage ${p.coverage.toFixed(2)}`,
      ]
        .filter(Boolean)
        .join(', '),
    )
    .join('\n   ');
}

/** "also: 2 copies (Reuters, AP)": the story's other copies, by source (or id). */
export function copiesLine(card: ResultCard): string | undefined {
  const copies = card.copies ?? [];
  if (copies.length === 0) return undefined;
  const names = [...new Set(copies.map((c) => c.source ?? c.id))];
  return `also: ${copies.length} ${copies.length === 1 ? 'copy' : 'copies'} (${names.join(', ')})`;
}

/** What the CLI marks a title derived from the article's first words with. */
export const UNTITLED = '(untitled)';

/** The meta line without what the line already says: the collection its id starts with. */
function cardMeta(card: ResultCard): string {
  const collection =
    card.collection && card.articleId.startsWith(`${card.collection}/`) ? null : card.collection;
  return [metaLine({ ...card, collection }), card.articleId].filter(Boolean).join(' · ');
}

/** "3 articles", or "11–20 of 57 articles" when there are more than shown. */
export function countLine(r: ResultsResponse): string {
  const last = r.offset + r.cards.length;
  const total = `${r.total}${r.totalIsEstimate ? '+' : ''}`;
  const noun = r.total === 1 && !r.totalIsEstimate ? 'article' : 'articles';
  return r.offset === 0 && last >= r.total && !r.totalIsEstimate
    ? `${total} ${noun}`
    : `${r.offset + 1}–${last} of ${total} ${noun}`;
}

/** A one-line notice for weak or missing matches, before the list. */
function notice(r: ResultsResponse): string | undefined {
  if (r.match === 'none') return 'No good match; closest:';
  if (r.match === 'weak') return 'These may not answer your question:';
  return undefined;
}

export function renderCards(r: ResultsResponse, style: Style): string {
  if (r.cards.length === 0) {
    return r.total > 0
      ? `No results past ${r.offset}; "${plain(r.query)}" has ${r.total}. Use a smaller --offset or --page.\n`
      : `No articles match "${plain(r.query)}". Try other words, fewer filters, or --mode lexical.\n`;
  }
  const lines: string[] = [];
  const speaker = speakerHeadline(r);
  if (speaker) lines.push(style.bold(speaker), '');
  for (const st of r.statements ?? []) {
    lines.push(`  ${plain(statementWords(st))}`);
    lines.push(
      style.dim(
        `   — ${plain([statementByline(st), st.articleId, statementAlso(st)].filter(Boolean).join(' · '))}`,
      ),
      '',
    );
  }
  const head = r.statements?.length
    ? r.cards.length > 0
      ? 'Articles:'
      : undefined
    : speaker
      ? undefined
      : notice(r);
  if (head) lines.push(style.bold(head), '');
  for (const card of r.cards) {
    const derived = card.titleDerived ? ` ${style.dim(UNTITLED)}` : '';
    lines.push(
      `${style.bold(`${card.rank}.`)} ${style.title(plain(card.title || card.articleId))}${derived}`,
    );
    lines.push(style.dim(`   ${plain(cardMeta(card))}`));
    if (card.url) lines.push(style.dim(`   ${plain(card.url)}`));
    for (const s of card.snippets) lines.push(`   ${snippetText(s.text, s.emphasis, style.mark)}`);
    const also = copiesLine(card);
    if (also) lines.push(style.dim(`   ${plain(also)}`));
    const why = explainLine(card);
    if (why) lines.push(style.dim(`   ${why}`));
    lines.push('');
  }
  const last = r.offset + r.cards.length;
  const more = last < r.total ? ` · next: --offset ${last}` : '';
  const note = matchesNote(r);
  lines.push(
    style.dim(`${countLine(r)}${note ? ` · ${note}` : ''}${more} · ${r.timings.totalMs.toFixed(0)} ms`),
  );
  return `${lines.join('\n')}\n`;
}

const mdEscape = (s: string) => plain(s).replace(/([\\`*_[\]<>|])/g, '\\$1');

export function renderMarkdown(r: ResultsResponse): string {
  const lines = [`# ${mdEscape(r.query)}`, ''];
  const head = notice(r);
  if (head) lines.push(`> ${head}`, '');
  for (const card of r.cards) {
    const derived = card.titleDerived ? ` *${UNTITLED}*` : '';
    lines.push(`## ${card.rank}. ${mdEscape(card.title || card.articleId)}${derived}`, '');
    const relevance = card.explain ? `relevance ${card.explain.relevance.toFixed(2)}` : undefined;
    lines.push(
      `*${mdEscape([card.meta, `article ${card.articleId}`, relevance].filter(Boolean).join(' · '))}*`,
      '',
    );
    // Only http(s) addresses reach `url` (webLink), so the link cannot run script.
    if (card.url) lines.push(`[Original article](${card.url.replace(/[()\s]/g, encodeURIComponent)})`, '');
    for (const s of card.snippets) {
      lines.push(
        `> ${splitEmphasis(s.text, s.emphasis)
          .map((p) => (p.em ? `**${mdEscape(p.text)}**` : mdEscape(p.text)))
          .join('')}`,
        '',
      );
    }
    const also = copiesLine(card);
    if (also) lines.push(`*${mdEscape(also)}*`, '');
  }
  lines.push(countLine(r));
  return `${lines.join('\n')}\n`;
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : plain(String(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function renderCsv(r: ResultsResponse): string {
  const rows = [
    [
      'rank',
      'articleId',
      'title',
      'titleDerived',
      'relevance',
      'place',
      'date',
      'source',
      'collection',
      'url',
      'passageId',
      'snippet',
    ],
  ];
  for (const c of r.cards) {
    rows.push([
      String(c.rank),
      c.articleId,
      c.title,
      c.titleDerived ? 'true' : 'false',
      c.explain ? c.explain.relevance.toFixed(3) : '',
      c.place ?? '',
      c.date ?? '',
      c.source ?? '',
      c.collection ?? '',
      c.url ?? '',
      String(c.link.passageId),
      c.snippets[0]?.text ?? '',
    ]);
  }
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function renderFiles(r: ResultsResponse): string {
  return r.cards.map((c) => `${plain(c.articleId)}\n`).join('');
}
