/** Human-readable output of the CLI: styles, ingest summaries, stats (results: render-results.ts). */
import { STORED_WITH_WARNING } from '../../errors.js';
import type { EngineStats, IngestSummary } from '../../index.js';
import { formatAgo, type SourceStatus } from '../../subscriptions/index.js';
import { plain } from './plain.js';

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

export function renderSummary(s: IngestSummary): string {
  const lines = [
    `${s.interrupted ? 'Interrupted (everything committed so far is kept). ' : ''}Ingested in ${s.seconds.toFixed(1)} s:`,
    `  articles: ${s.articlesNew} new, ${s.articlesChanged} changed${s.articlesMetadataOnly ? ` (${s.articlesMetadataOnly} in their metadata only: vectors kept)` : ''}, ${s.articlesUnchanged} unchanged, ${s.articlesRemoved} removed`,
    `  passages embedded: ${s.passagesEmbedded}${s.passagesTruncated ? ` (${s.passagesTruncated} truncated to the model's limit)` : ''}${s.passagesReused ? `, ${s.passagesReused} reused (same text embedded before)` : ''}`,
  ];
  if (s.copiesExact + s.copiesNear > 0)
    lines.push(
      `  copies: ${s.copiesExact} exact ${s.copiesExact === 1 ? 'copy' : 'copies'}, ${s.copiesNear} near ${s.copiesNear === 1 ? 'copy' : 'copies'} (one card per story; list them with "semsearch ls --copies")`,
    );
  if (s.articlesTitleOnly > 0)
    lines.push(
      `  title only: ${s.articlesTitleOnly} (records without text, stored with their title as text)`,
    );
  const stored = s.skipped.filter((k) => STORED_WITH_WARNING.has(k.code)).length;
  const skipped = s.skipped.length - stored;
  if (stored > 0) lines.push(`  stored with a warning: ${stored} (see the warnings above)`);
  if (skipped > 0) lines.push(`  skipped: ${skipped} (see the warnings above)`);
  return `${lines.join('\n')}\n`;
}

function bytes(n: number): string {
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export function renderStats(s: EngineStats & { sources?: SourceStatus[] }): string {
  const lines = [
    `index:      ${plain(s.indexDir)}`,
    `articles:   ${s.articles}`,
    `passages:   ${s.passages}`,
    `generation: ${s.generation}`,
    `model:      ${s.model ? `${s.model.modelId} (${s.model.dtype}, ${s.model.dimension} dimensions, ${s.model.pooling} pooling)` : '(none yet)'}`,
    `chunker:    ${s.chunker ? `${s.chunker.maxTokens} tokens, ${s.chunker.overlapSentences} sentence overlap` : '(none yet)'}`,
    `database:   ${bytes(s.databaseBytes)}`,
    `vectors:    ${bytes(s.vectorBytes)}`,
  ];
  for (const src of s.sources ?? []) {
    lines.push(
      `${src.kind === 'folder' ? 'watched:' : 'feed:   '}    ${src.location} → ${src.collection} · ${src.articles} articles · checked ${formatAgo(src.lastCheck)} · changed ${formatAgo(src.lastChange)} · ${src.errors} error${src.errors === 1 ? '' : 's'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
