/**
 * Ingest progress on stderr: a redrawn bar with counts, passages/s and ETA on a terminal,
 * plain lines (one every few seconds, the first after a few seconds) when piped.
 */
import type { IngestProgress } from '../../index.js';

const BAR_WIDTH = 24;
/** Plain progress lines are at least this far apart. */
const PLAIN_INTERVAL_MS = 5000;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** The bar on a terminal, while drawn: other lines go above it, never glued to it. */
let onScreen: { stream: Pick<NodeJS.WriteStream, 'write'>; text: string } | undefined;

/**
 * Write `s` to `stream` on a line of its own: a drawn bar is cleared first and drawn again
 * under a whole line ("ETA 0ssemsearch: …" was a log line written after the bar).
 */
export function writeAboveBar(stream: Pick<NodeJS.WriteStream, 'write'>, s: string): void {
  const bar = onScreen;
  if (!bar || bar.stream !== stream) {
    stream.write(s);
    return;
  }
  stream.write(`\r\x1b[2K${s}`);
  if (s.endsWith('\n')) stream.write(bar.text);
  else onScreen = undefined;
}

export interface ProgressReporter {
  update(p: IngestProgress): void;
  /** Clear the bar so the next line starts clean. */
  done(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream, tty: boolean): ProgressReporter {
  // Plain lines go by the ingest's own clock, the first after one interval: an ingest that ends
  // sooner needs none (it printed "1/2 articles" just before its summary said 2), and the time
  // spent loading the model before the ingest starts does not count.
  let lastPlainMs = 0;
  let drawn = false;
  return {
    update(p) {
      const seconds = p.elapsedMs / 1000;
      const rate = seconds > 0 ? p.passagesEmbedded / seconds : 0;
      const total = p.articlesTotal;
      const fraction = total ? Math.min(1, p.articlesDone / total) : undefined;
      const eta = fraction && fraction > 0 ? (seconds / fraction) * (1 - fraction) : Number.NaN;
      const counts = total ? `${p.articlesDone}/${total} articles` : `${p.articlesDone} articles`;
      const stats = `${counts} · ${p.passagesEmbedded} passages · ${rate.toFixed(1)} passages/s · ${duration(seconds)}${total ? ` · ETA ${duration(eta)}` : ''}`;
      if (tty) {
        const filled = fraction === undefined ? 0 : Math.round(fraction * BAR_WIDTH);
        const bar = fraction === undefined ? '' : `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] `;
        const width = stream.columns ?? 100;
        const text = `${bar}${stats}`.slice(0, width - 1);
        stream.write(`\r\x1b[2K${text}`);
        drawn = true;
        onScreen = { stream, text };
      } else if (p.elapsedMs - lastPlainMs >= PLAIN_INTERVAL_MS) {
        lastPlainMs = p.elapsedMs;
        stream.write(`progress: ${stats}\n`);
      }
    },
    done() {
      if (tty && drawn) stream.write('\r\x1b[2K');
      drawn = false;
      if (onScreen?.stream === stream) onScreen = undefined;
    },
  };
}
