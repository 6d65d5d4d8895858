/**
 * Index names, settings and mappings. Three indices per namespace (`esIndex`, default
 * "semsearch"): passages (searched: BM25 + kNN), articles (the full text, paragraphs and
 * content hash) and a one-document state index (manifest, generation, next passage id).
 */

/** Primary shards of the passage and article indices: one per node of the test cluster. */
export const ES_SHARDS = 3;
/** One replica: any single node may go down without losing a shard. */
export const ES_REPLICAS = 1;
/** HNSW graph parameters, as for the embedded backend (hnswlib M = 16). */
export const ES_HNSW_M = 16;
export const ES_HNSW_EF_CONSTRUCTION = 100;

/**
 * Version of the mappings below, kept in the state document: indices made by another version
 * cannot take this version's documents (the mappings are strict), so opening them is refused.
 * 2: title and text in one BM25 field, `all_terms` (1 had `title_terms` and `text_terms`).
 * 3: the vector kept out of `_source`, stored as bytes in `vector` for reading back.
 * 4: copies: each article's `story`, `text_hash` and `sketch`, each passage's `embed_key`.
 * 5: each article's `statements` (nested) and `statements_version`; a version-4 namespace gains
 *    the two fields in place (`statementFields`) and its statements are read on the next open.
 */
export const ES_MAPPING_VERSION = 5;
/** The one older version opened and upgraded in place (adding fields is all it takes). */
export const ES_MAPPING_UPGRADABLE = 4;

/** An article's statements (see src/statements): speakers and roles as keywords for aggregations. */
export const statementFields = {
  statements: {
    type: 'nested',
    properties: {
      speaker: { type: 'keyword' },
      as_written: { type: 'keyword', index: false },
      roles: { type: 'keyword', index: false },
      // The roles to match a speaker by ("chancellor", "the chancellor"): see speakerRoles.
      known_as: { type: 'keyword' },
      text: { type: 'text', index: false },
      kind: { type: 'keyword' },
      cue: { type: 'keyword' },
      start: { type: 'integer', index: false },
      end: { type: 'integer', index: false },
      paragraph: { type: 'integer', index: false },
    },
  },
  statements_version: { type: 'integer' },
} as const;

export interface IndexNames {
  passages: string;
  articles: string;
  state: string;
}

export function indexNames(prefix: string): IndexNames {
  return { passages: `${prefix}-passages`, articles: `${prefix}-articles`, state: `${prefix}-state` };
}

const shardSettings = {
  number_of_shards: ES_SHARDS,
  number_of_replicas: ES_REPLICAS,
};

/**
 * Pre-stemmed terms (see analysis.ts), split on white space only. Title and text go into this
 * one field as two values, because SQLite FTS5's bm25() scores a row's columns as one document
 * (term counts summed over columns, one length, one document frequency): two Lucene fields,
 * each with its own length norm and IDF, summed, ranked SciFact 0.03 nDCG@10 lower. The gap
 * between the values keeps phrases inside one of them, as FTS5 phrases stay in one column.
 */
const termsField = {
  type: 'text',
  analyzer: 'whitespace',
  similarity: 'BM25',
  position_increment_gap: 100,
} as const;

/** Fields both indices share, so one filter clause and one BM25 query fit either. */
const filterFields = {
  article_id: { type: 'keyword' },
  place: { type: 'keyword' },
  source: { type: 'keyword' },
  source_key: { type: 'keyword', normalizer: 'lowercase' },
  collection: { type: 'keyword' },
  // `date` for date math and histograms; `date_key` compares as text, as SQLite does,
  // so partial dates ("--01-22") behave the same in range filters on both backends.
  date: { type: 'date', format: 'strict_date_optional_time||yyyy-MM||yyyy', ignore_malformed: true },
  date_key: { type: 'keyword' },
  // "MM-DD" of any date, for filters without a year ("--01-25"), as SQLite's substr(date, -5).
  month_day: { type: 'keyword' },
  metadata: { type: 'flattened', ignore_above: 256 },
  title: { type: 'text', analyzer: 'standard' },
  all_terms: termsField,
} as const;

export function passageIndexBody(dimension: number) {
  return {
    settings: shardSettings,
    mappings: {
      dynamic: 'strict' as const,
      // The stemmed terms are indexed, not stored: _source keeps the text as written. The
      // vector is out of _source too: as a JSON array of 384 numbers it made every passage
      // read parse about 8 KB (reading 150 passages took 47 ms); it is read back from `vector`.
      _source: { excludes: ['all_terms', 'embedding', 'vector'] },
      properties: {
        ...filterFields,
        passage_id: { type: 'long' },
        ordinal: { type: 'integer' },
        paragraph: { type: 'integer' },
        start: { type: 'integer', index: false },
        end: { type: 'integer', index: false },
        text: { type: 'text', analyzer: 'standard' },
        embedding: {
          type: 'dense_vector',
          dims: dimension,
          index: true,
          similarity: 'cosine',
          // Full-precision HNSW (8.x defaults to int8 quantisation): ranks like hnswlib.
          index_options: { type: 'hnsw', m: ES_HNSW_M, ef_construction: ES_HNSW_EF_CONSTRUCTION },
        },
        // The same vector as little-endian float32 bytes (base64), a stored field: read back
        // for feedback and relevance without touching _source.
        vector: { type: 'binary', store: true },
        // The key of the embedded text: an identical passage reuses this vector.
        embed_key: { type: 'keyword' },
      },
    },
  };
}

export function articleIndexBody() {
  return {
    settings: shardSettings,
    mappings: {
      dynamic: 'strict' as const,
      _source: { excludes: ['all_terms'] },
      properties: {
        ...filterFields,
        // Whole-article BM25 runs on all_terms; the text itself is stored, not indexed again.
        text: { type: 'text', index: false },
        paragraphs: { type: 'object', enabled: false },
        source_path: { type: 'keyword', index: false },
        content_hash: { type: 'keyword' },
        passage_ids: { type: 'long', index: false },
        passage_count: { type: 'integer' },
        updated_at: { type: 'date' },
        // Copies: the story shared by an article and its copies, and its fingerprints.
        story: { type: 'keyword' },
        text_hash: { type: 'keyword' },
        sketch: { type: 'binary' },
        ...statementFields,
      },
    },
  };
}

export function stateIndexBody() {
  return {
    // Tiny and read on every write: a copy on every node.
    settings: { number_of_shards: 1, auto_expand_replicas: '0-all' },
    mappings: { dynamic: false as const, properties: {} },
  };
}
