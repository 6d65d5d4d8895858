/**
 * Statements in SQLite: a row per statement (its article's rows replaced with the article), the
 * extractor version on the article row, and the speakers counted by GROUP BY with the same
 * filters as a search.
 */
import type Database from 'better-sqlite3';
import type { Statement } from '../../statements/index.js';
import {
  bySpeakerCount,
  type SearchFilters,
  SPEAKER_ROLES_MAX,
  type SpeakerCount,
  type SpeakerList,
  type SpeakerStatements,
  type SpeakersRequest,
  type StatementsWrite,
  speakerRoles,
  speakersLimit,
} from '../chunk-store.js';
import { filterSql } from './sqlite-filters.js';

interface StatementRow {
  article_id: string;
  speaker: string;
  as_written: string;
  roles: string;
  text: string;
  kind: string;
  cue: string;
  start: number;
  end: number;
  paragraph: number;
}

function statementFromRow(r: StatementRow): Statement {
  return {
    speaker: r.speaker,
    speakerAsWritten: r.as_written,
    speakerRoles: JSON.parse(r.roles) as string[],
    text: r.text,
    kind: r.kind === 'reported' ? 'reported' : 'direct',
    cue: r.cue,
    start: r.start,
    end: r.end,
    paragraph: r.paragraph,
  };
}

/** A full date (one that starts with a year), else null: as corpusFacts ranges dates. */
const FULL_DATE = "CASE WHEN a.date GLOB '[0-9][0-9][0-9][0-9]*' THEN a.date END";

export function createStatementTable(db: Database.Database) {
  const del = db.prepare<[string]>('DELETE FROM statements WHERE article_id = ?');
  const insert = db.prepare(
    `INSERT INTO statements (article_id, ordinal, speaker, as_written, roles, known_as, text, kind, cue, start, end, paragraph)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setVersion = db.prepare<[number | null, string]>(
    'UPDATE articles SET statements_version = ? WHERE id = ?',
  );

  /** Replace an article's statements (inside the caller's transaction); null: none, stale. */
  const replace = (articleId: string, statements: readonly Statement[] | null, version: number | null) => {
    del.run(articleId);
    (statements ?? []).forEach((s, i) => {
      insert.run(
        articleId,
        i,
        s.speaker,
        s.speakerAsWritten,
        JSON.stringify(s.speakerRoles),
        JSON.stringify(speakerRoles(s)),
        s.text,
        s.kind,
        s.cue,
        s.start,
        s.end,
        s.paragraph,
      );
    });
    setVersion.run(statements ? version : null, articleId);
  };

  const writeMany = (writes: readonly StatementsWrite[], version: number) => {
    for (const w of writes) replace(w.articleId, w.statements, version);
  };

  return { replace, writeMany };
}

export function readArticleStatements(
  db: Database.Database,
  ids: readonly string[],
  version: number,
): Map<string, Statement[]> {
  const out = new Map<string, Statement[]>();
  const current = db
    .prepare<[string, number], { id: string }>(
      'SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) AND statements_version = ?',
    )
    .all(JSON.stringify(ids), version);
  for (const { id } of current) out.set(id, []);
  if (out.size === 0) return out;
  const rows = db
    .prepare<[string], StatementRow>(
      'SELECT * FROM statements WHERE article_id IN (SELECT value FROM json_each(?)) ORDER BY article_id, ordinal',
    )
    .all(JSON.stringify([...out.keys()]));
  for (const r of rows) out.get(r.article_id)?.push(statementFromRow(r));
  return out;
}

export function readStaleStatements(
  db: Database.Database,
  version: number,
  limit: number,
  after: string | undefined,
): { total: number; ids: string[] } {
  // Both counts from indexes: opening an index asks this every time.
  const counts = db
    .prepare<[number], { n: number; current: number }>(
      `SELECT (SELECT count(*) FROM articles) AS n,
        (SELECT count(*) FROM articles WHERE statements_version = ?) AS current`,
    )
    .get(version);
  const total = (counts?.n ?? 0) - (counts?.current ?? 0);
  const ids =
    total === 0
      ? []
      : db
          .prepare<[string, number, number], { id: string }>(
            `SELECT id FROM articles WHERE id > ? AND (statements_version IS NULL OR statements_version != ?)
             ORDER BY id LIMIT ?`,
          )
          .all(after ?? '', version, limit)
          .map((r) => r.id);
  return { total, ids };
}

function filterWhere(filters: SearchFilters | undefined, version: number) {
  const { where, params } = filterSql(filters);
  return { where: ['a.statements_version = ?', ...where].join(' AND '), params: [version, ...params] };
}

export function readSpeakers(db: Database.Database, request: SpeakersRequest, version: number): SpeakerList {
  const { where, params } = filterWhere(request.filters, version);
  const limit = speakersLimit(request.limit);
  const from = `FROM statements s JOIN articles a ON a.id = s.article_id WHERE ${where}`;
  const total =
    db.prepare<unknown[], { n: number }>(`SELECT count(DISTINCT s.speaker) AS n ${from}`).get(...params)?.n ??
    0;
  const rows = db
    .prepare<unknown[], Omit<SpeakerCount, 'roles'>>(
      `SELECT s.speaker AS name, count(*) AS statements, count(DISTINCT s.article_id) AS articles,
        min(${FULL_DATE}) AS firstDate, max(${FULL_DATE}) AS lastDate
       ${from} GROUP BY s.speaker ORDER BY statements DESC, s.speaker LIMIT ?`,
    )
    .all(...params, limit);
  const roles = new Map<string, Map<string, number>>(rows.map((r) => [r.name, new Map()]));
  if (rows.length > 0) {
    const roleRows = db
      .prepare<unknown[], { speaker: string; role: string; n: number }>(
        `SELECT s.speaker, r.value AS role, count(*) AS n
         FROM statements s JOIN articles a ON a.id = s.article_id, json_each(s.known_as) r
         WHERE ${where} AND s.speaker IN (SELECT value FROM json_each(?))
         GROUP BY s.speaker, r.value`,
      )
      .all(...params, JSON.stringify(rows.map((r) => r.name)));
    for (const r of roleRows) roles.get(r.speaker)?.set(r.role, r.n);
  }
  const speakers = rows.map((r) => ({
    ...r,
    roles: [...(roles.get(r.name) ?? new Map<string, number>())]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, SPEAKER_ROLES_MAX)
      .map(([role]) => role),
  }));
  return { total, speakers: speakers.sort(bySpeakerCount) };
}

export function readSpeakerStatements(
  db: Database.Database,
  names: readonly string[],
  version: number,
  options: { filters?: SearchFilters | undefined; articles: number },
): SpeakerStatements[] {
  if (names.length === 0 || options.articles <= 0) return [];
  const { where, params } = filterWhere(options.filters, version);
  const articles = db
    .prepare<unknown[], { id: string; date: string | null }>(
      `SELECT a.id, a.date FROM articles a WHERE ${where}
         AND a.id IN (SELECT article_id FROM statements WHERE speaker IN (SELECT value FROM json_each(?)))
       ORDER BY a.date DESC, a.id LIMIT ?`,
    )
    .all(...params, JSON.stringify(names), options.articles);
  if (articles.length === 0) return [];
  const out = new Map(
    articles.map((a) => [a.id, { articleId: a.id, date: a.date, statements: [] as Statement[] }]),
  );
  const rows = db
    .prepare<[string, string], StatementRow>(
      `SELECT * FROM statements WHERE article_id IN (SELECT value FROM json_each(?))
         AND speaker IN (SELECT value FROM json_each(?)) ORDER BY article_id, ordinal`,
    )
    .all(JSON.stringify([...out.keys()]), JSON.stringify(names));
  for (const r of rows) out.get(r.article_id)?.statements.push(statementFromRow(r));
  return [...out.values()];
}
