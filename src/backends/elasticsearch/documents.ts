/** Article and passage documents: how stored records look in the cluster, both directions. */
import { type CopyFacts, sketchBytes } from '../../copies/index.js';
import type { Article } from '../../parse/index.js';
import type { Statement } from '../../statements/index.js';
import {
  type ArticleStatements,
  articleCollection,
  type PassageWrite,
  type StoredArticle,
  type StoredPassage,
  speakerRoles,
} from '../chunk-store.js';
import { indexTerms } from './analysis.js';

export interface ArticleDoc {
  article_id: string;
  title: string;
  text: string;
  paragraphs: Array<[number, number]>;
  place: string | null;
  date: string | null;
  source: string | null;
  source_path: string | null;
  collection?: string | null;
  content_hash: string;
  metadata: Record<string, unknown>;
  passage_ids: number[];
  passage_count: number;
  updated_at: string;
  /** Absent on documents written without copy facts: the article is its own story. */
  story?: string;
  text_hash?: string;
  /** The MinHash sketch as base64 bytes. */
  sketch?: string;
  /** Absent on documents written without statements (stale: read on the next open). */
  statements?: StatementDoc[];
  statements_version?: number;
}

export interface StatementDoc {
  speaker: string;
  as_written: string;
  roles: string[];
  known_as: string[];
  text: string;
  kind: Statement['kind'];
  cue: string;
  start: number;
  end: number;
  paragraph: number;
}

export function statementDoc(s: Statement): StatementDoc {
  return {
    speaker: s.speaker,
    as_written: s.speakerAsWritten,
    roles: [...s.speakerRoles],
    known_as: speakerRoles(s),
    text: s.text,
    kind: s.kind,
    cue: s.cue,
    start: s.start,
    end: s.end,
    paragraph: s.paragraph,
  };
}

export function toStatement(d: StatementDoc): Statement {
  return {
    speaker: d.speaker,
    speakerAsWritten: d.as_written,
    speakerRoles: [...(d.roles ?? [])],
    text: d.text,
    kind: d.kind,
    cue: d.cue,
    start: d.start,
    end: d.end,
    paragraph: d.paragraph,
  };
}

/** The statements fields of an article document (none when the write has no statements). */
export function statementsFields(said: ArticleStatements | undefined): Record<string, unknown> {
  return said ? { statements: said.statements.map(statementDoc), statements_version: said.version } : {};
}

export interface PassageDoc {
  passage_id: number;
  article_id: string;
  ordinal: number;
  paragraph: number;
  start: number;
  end: number;
  text: string;
  title: string;
  place: string | null;
  source: string | null;
  date: string | null;
  collection?: string | null;
}

/** A vector as base64 little-endian float32 bytes (the stored `vector` field). */
export function encodeVector(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i] as number, i * 4);
  return bytes.toString('base64');
}

export function decodeVector(base64: string): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/** Title and text as the two values of the one BM25 field (see mappings.ts). */
const allTerms = (title: string, text: string) => [indexTerms(title), indexTerms(text)];

/** The filter fields an article and each of its passages carry alike. */
function sharedFields(article: Article) {
  return {
    article_id: article.id,
    title: article.title,
    place: article.place ?? null,
    source: article.source ?? null,
    source_key: article.source ?? null,
    collection: articleCollection(article),
    date: article.date ?? null,
    date_key: article.date ?? null,
    month_day: article.date ? article.date.slice(-5) : null,
    metadata: article.metadata,
  };
}

export function articleDoc(
  article: Article,
  contentHash: string,
  passageIds: number[],
  copy?: CopyFacts,
  said?: ArticleStatements,
): ArticleDoc & Record<string, unknown> {
  return {
    ...statementsFields(said),
    story: copy?.story ?? article.id,
    ...(copy ? { text_hash: copy.textHash, sketch: sketchBytes(copy.sketch).toString('base64') } : {}),
    ...sharedFields(article),
    all_terms: allTerms(article.title, article.text),
    text: article.text,
    paragraphs: article.paragraphs.map((p) => [p.start, p.end]),
    source_path: article.sourcePath ?? null,
    content_hash: contentHash,
    passage_ids: passageIds,
    passage_count: passageIds.length,
    updated_at: new Date().toISOString(),
  };
}

/** The passage document to index, with its stemmed copies and its filter fields. */
export function passageDoc(article: Article, id: number, write: PassageWrite): Record<string, unknown> {
  const { draft, embedding, key } = write;
  return {
    ...sharedFields(article),
    passage_id: id,
    ordinal: draft.ordinal,
    paragraph: draft.paragraph,
    start: draft.start,
    end: draft.end,
    text: draft.text,
    all_terms: allTerms(article.title, draft.text),
    ...(key ? { embed_key: key } : {}),
    // Cosine is undefined for a zero vector and Elasticsearch rejects one: such a passage
    // (no words for the model) stays findable lexically only.
    ...(embedding.some((x) => x !== 0)
      ? { embedding: Array.from(embedding), vector: encodeVector(embedding) }
      : {}),
  };
}

export function toStoredArticle(id: string, doc: ArticleDoc): StoredArticle {
  return {
    id,
    title: doc.title,
    text: doc.text,
    paragraphs: doc.paragraphs.map(([start, end], index) => ({ index, start, end })),
    place: doc.place,
    date: doc.date,
    source: doc.source,
    sourcePath: doc.source_path,
    collection: typeof doc.collection === 'string' ? doc.collection : null,
    contentHash: doc.content_hash,
    metadata: doc.metadata,
    passageCount: doc.passage_count,
    updatedAt: doc.updated_at,
  };
}

export function toStoredPassage(doc: PassageDoc): StoredPassage {
  return {
    id: doc.passage_id,
    articleId: doc.article_id,
    ordinal: doc.ordinal,
    paragraph: doc.paragraph,
    start: doc.start,
    end: doc.end,
    text: doc.text,
    title: doc.title,
    place: doc.place,
    date: doc.date,
    source: doc.source,
    collection: typeof doc.collection === 'string' ? doc.collection : null,
  };
}
