/**
 * The hand-annotated statements of test/fixtures/statements, with their article texts: BBC and
 * TIME articles read from ../shared/datasets when it is there (skipped with a reason when not),
 * the seeds from seeds/, written texts from the fixture itself.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURE_DIR = join(ROOT, 'test', 'fixtures', 'statements');
/** `shared/datasets` beside the repository, or beside the folder holding it (a git worktree). */
export const DATASETS_DIR =
  [join(ROOT, '..', 'shared', 'datasets'), join(ROOT, '..', '..', 'shared', 'datasets')].find((d) =>
    existsSync(d),
  ) ?? join(ROOT, '..', 'shared', 'datasets');

export interface Annotation {
  /** Acceptable canonical names (one, or several equally right). */
  speakers: string[];
  kind: 'direct' | 'reported';
  /** Verbatim, or a head and a tail joined by " … " for the whole span between them. */
  words: string;
}

export interface AnnotatedArticle {
  source: 'bbc' | 'time' | 'seeds' | 'written';
  id: string;
  text: string;
  statements: Annotation[];
}

export interface FixtureLoad {
  articles: AnnotatedArticle[];
  /** Why some articles could not be read (their corpus is not on this machine). */
  skipped: string[];
}

interface Line {
  source: AnnotatedArticle['source'];
  article?: string;
  file?: string;
  name?: string;
  text?: string;
  statements: Array<{ speaker: string | string[]; kind: Annotation['kind']; words: string }>;
}

const CORPORA: Record<string, string> = { bbc: 'bbc/corpus.jsonl', time: 'time-dev/corpus.jsonl' };

function corpusTexts(source: string): Map<string, string> | undefined {
  const path = join(DATASETS_DIR, CORPORA[source] as string);
  if (!existsSync(path)) return undefined;
  const texts = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim().length === 0) continue;
    const record = JSON.parse(line) as { id: string; text: string };
    texts.set(record.id, record.text);
  }
  return texts;
}

export function loadFixture(): FixtureLoad {
  const articles: AnnotatedArticle[] = [];
  const skipped: string[] = [];
  const corpora = new Map<string, Map<string, string> | undefined>();
  for (const file of readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for (const raw of readFileSync(join(FIXTURE_DIR, file), 'utf8').split('\n')) {
      if (raw.trim().length === 0) continue;
      const line = JSON.parse(raw) as Line;
      const statements = line.statements.map((s) => ({
        speakers: Array.isArray(s.speaker) ? s.speaker : [s.speaker],
        kind: s.kind,
        words: s.words,
      }));
      let text: string | undefined;
      let id: string;
      if (line.source === 'seeds') {
        id = line.file as string;
        text = readFileSync(join(ROOT, 'seeds', id), 'utf8');
      } else if (line.source === 'written') {
        id = line.name as string;
        text = line.text;
      } else {
        id = line.article as string;
        if (!corpora.has(line.source)) corpora.set(line.source, corpusTexts(line.source));
        text = corpora.get(line.source)?.get(id);
        if (text === undefined) {
          skipped.push(
            `${line.source} ${id}: ${join(DATASETS_DIR, CORPORA[line.source] as string)} not found`,
          );
          continue;
        }
      }
      articles.push({ source: line.source, id, text: text as string, statements });
    }
  }
  return { articles, skipped };
}
