/** Human-readable output of the CLI: styles, ingest summaries, stats (results: render-results.ts). */
import { STORED_WITH_WARNING } from '../../errors.js';
import type { EngineStats, IngestSummary } from '../../index.js';
import { formatAgo, type LiveSourceStatus } from '../../subscriptions/index.js';
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

/** A watched folder or followed feed: where, into which collection, and how it went. */
function sourceLine(src: LiveSourceStatus): string {
  const label = src.kind === 'feed' ? 'feed:' : src.running === false ? 'stopped:' : 'watched:';
  const counts = `${src.location} → ${src.collection} · ${src.articles} article${src.articles === 1 ? '' : 's'}`;
  const errors = `${src.errors} error${src.errors === 1 ? '' : 's'}`;
  if (src.running === false) {
    const what = src.kind === 'feed' ? 'not followed now' : 'not watched now';
    return `${label.padEnd(12)}${counts} · ${what}; last checked ${formatAgo(src.lastCheck)}, changed ${formatAgo(src.lastChange)} · ${errors}`;
  }
  return `${label.padEnd(12)}${counts} · checked ${formatAgo(src.lastCheck)} · changed ${formatAgo(src.lastChange)} · ${errors}`;
}

export function renderStats(s: EngineStats & { sources?: LiveSourceStatus[] }): string {
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
  // Folders being watched first, then feeds, then what is no longer watched.
  const order = (src: LiveSourceStatus) => (src.running === false ? 2 : src.kind === 'folder' ? 0 : 1);
  const sources = [...(s.sources ?? [])].sort((a, b) => order(a) - order(b));
  for (const src of sources) lines.push(sourceLine(src));
  return `${lines.join('\n')}\n`;
}
