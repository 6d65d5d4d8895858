/**
 * Warnings that repeat (the same id twice in a corpus, four hundred times; a dateline without
 * a year in every file of a folder): the first few of a kind are printed, the rest counted and
 * summarised in one line at the end. `--verbose` prints every one; `--json` lists every one.
 */

/** Warnings of one kind printed before the rest are only counted. */
export const SHOWN_PER_KIND = 3;

/** The kind of a warning: its code and its words, without the ids, paths and numbers in it. */
export function warningKind(code: string, message: string, path: string): string {
  const words = message
    .split(path)
    .join('')
    .replace(/"[^"]*"|“[^”]*”|'[^']*'/g, '""')
    .replace(/\d+/g, '0');
  return `${code}\n${words}`;
}

export interface WarningGate {
  /** Whether to print this warning now (else it is counted). */
  show(code: string, message: string, path: string): boolean;
  /** One line per kind with warnings not printed: how many, and like which one. */
  summary(): string[];
}

export function createWarningGate(all = false): WarningGate {
  const kinds = new Map<string, { seen: number; first: string }>();
  return {
    show(code, message, path) {
      const kind = warningKind(code, message, path);
      const k = kinds.get(kind);
      if (!k) {
        kinds.set(kind, { seen: 1, first: message });
        return true;
      }
      k.seen++;
      return all || k.seen <= SHOWN_PER_KIND;
    },
    summary() {
      if (all) return [];
      return [...kinds.values()]
        .filter((k) => k.seen > SHOWN_PER_KIND)
        .map(
          (k) =>
            `warning: ${k.seen - SHOWN_PER_KIND} more like "${k.first}" (${k.seen} in all; --verbose lists each, --json gives them all)`,
        );
    },
  };
}
