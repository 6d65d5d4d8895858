/** Human-readable output of the CLI: ranked hits with highlighted sentences, summaries, stats. */
import type { EngineStats, IngestSummary, SearchResponse } from '../../index.js';
import { formatDate } from '../api/format.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  mark(s: string): string;
  title(s: string): string;
}

export function createStyle(color: boolean): Style {
  const wrap = (open: string, close: string) => (s: string) =>
    color ? `\x1b[${open}m${s}\x1b[${close}m` : s;
  return {
    bold: wrap('1', '22'),
    dim: wrap('2', '22'),
    // Highlighted sentences: bold yellow on a terminal, **markdown-like** when plain.
    mark: color ? wrap('1;33', '22;39') : (s) => `**${s}**`,
    title: wrap('1;36', '22;39'),
  };
}

export function renderHits(response: SearchResponse, style: Style): string {
  if (response.hits.length === 0) {
    return `No passages match "${response.query}". Try other words, --mode lexical, or ingest more articles.\n`;
  }
  const lines: string[] = [];
  for (const hit of response.hits) {
    const where = [hit.place, formatDate(hit.date), hit.source].filter(Boolean).join(' · ');
    const parts = [
      `score ${hit.score.toFixed(3)}`,
      hit.scores.dense !== null ? `cosine ${hit.scores.dense.toFixed(3)}` : undefined,
      hit.scores.lexicalRank !== null ? `lexical #${hit.scores.lexicalRank}` : undefined,
    ].filter(Boolean);
    lines.push(`${style.bold(`${hit.rank}.`)} ${style.title(hit.title || hit.articleId)}`);
    lines.push(
      style.dim(
        `   ${[where, parts.join(', '), `${hit.articleId} [${hit.start}–${hit.end}]`].filter(Boolean).join(' · ')}`,
      ),
    );
    let text = '';
    let cursor = hit.start;
    for (const h of hit.highlights) {
      text += hit.text.slice(cursor - hit.start, h.start - hit.start);
      text += style.mark(hit.text.slice(h.start - hit.start, h.end - hit.start));
      cursor = h.end;
    }
    text += hit.text.slice(cursor - hit.start);
    lines.push(`   ${text}`);
    lines.push('');
  }
  lines.push(
    style.dim(
      `${response.hits.length} passages · ${response.mode} · ${response.timings.totalMs.toFixed(0)} ms`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

export function renderSummary(s: IngestSummary): string {
  const lines = [
    `${s.interrupted ? 'Interrupted (everything committed so far is kept). ' : ''}Ingested in ${s.seconds.toFixed(1)} s:`,
    `  articles: ${s.articlesNew} new, ${s.articlesChanged} changed, ${s.articlesUnchanged} unchanged, ${s.articlesRemoved} removed`,
    `  passages embedded: ${s.passagesEmbedded}${s.passagesTruncated ? ` (${s.passagesTruncated} truncated to the model's limit)` : ''}`,
  ];
  if (s.skipped.length > 0) lines.push(`  skipped: ${s.skipped.length} (see the warnings above)`);
  return `${lines.join('\n')}\n`;
}

function bytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export function renderStats(s: EngineStats): string {
  const lines = [
    `index:      ${s.indexDir}`,
    `articles:   ${s.articles}`,
    `passages:   ${s.passages}`,
    `generation: ${s.generation}`,
    `model:      ${s.model ? `${s.model.modelId} (${s.model.dtype}, ${s.model.dimension} dimensions, ${s.model.pooling} pooling)` : '(none yet)'}`,
    `chunker:    ${s.chunker ? `${s.chunker.maxTokens} tokens, ${s.chunker.overlapSentences} sentence overlap` : '(none yet)'}`,
    `database:   ${bytes(s.databaseBytes)}`,
    `vectors:    ${bytes(s.vectorBytes)}`,
  ];
  return `${lines.join('\n')}\n`;
}
