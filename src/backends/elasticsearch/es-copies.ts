/**
 * Copies on the cluster: every article's story and fingerprints (for ingest), vectors by the key
 * of their embedded text, and the members of a story (for result cards), as the embedded store.
 */
import { type CopyFacts, sketchFromBytes } from '../../copies/index.js';
import type { ArticleStory, StoryMember } from '../chunk-store.js';
import { type Client, orEmpty, retrySearch } from './client.js';
import { type ArticleDoc, decodeVector } from './documents.js';
import type { IndexNames } from './mappings.js';

/** Page size when reading every article's fingerprints. */
const SCAN_PAGE = 5000;
/** Most members of one read of stories (a story rarely has more than a handful). */
const MEMBERS_MAX = 10_000;

type CopyDoc = Pick<ArticleDoc, 'story' | 'text_hash' | 'sketch'>;

export async function readArticleCopies(client: Client, names: IndexNames): Promise<Map<string, CopyFacts>> {
  const out = new Map<string, CopyFacts>();
  let after: unknown[] | undefined;
  for (;;) {
    const res = await orEmpty(
      () =>
        client.search<CopyDoc>({
          index: names.articles,
          size: SCAN_PAGE,
          _source: ['story', 'text_hash', 'sketch'],
          sort: [{ article_id: 'asc' }],
          ...(after ? { search_after: after as never } : {}),
        }),
      undefined,
    );
    const hits = res?.hits.hits ?? [];
    for (const h of hits) {
      if (!h._id || !h._source) continue;
      const s = h._source;
      out.set(h._id, {
        story: s.story ?? h._id,
        textHash: s.text_hash ?? '',
        sketch: s.sketch ? sketchFromBytes(Buffer.from(s.sketch, 'base64')) : new Uint32Array(0),
      });
    }
    if (hits.length < SCAN_PAGE) return out;
    after = hits.at(-1)?.sort as unknown[];
  }
}

export async function readEmbeddingsByKey(
  client: Client,
  names: IndexNames,
  keys: readonly string[],
): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  if (keys.length === 0) return out;
  const res = await orEmpty(
    () =>
      retrySearch(() =>
        client.search<{ embed_key?: string }>({
          index: names.passages,
          size: keys.length,
          query: { terms: { embed_key: [...keys] } },
          collapse: { field: 'embed_key' },
          _source: ['embed_key'],
          stored_fields: ['vector'],
        }),
      ),
    undefined,
  );
  for (const h of res?.hits.hits ?? []) {
    const key = h._source?.embed_key;
    const stored = (h.fields?.vector as string[] | undefined)?.[0];
    if (key && stored) out.set(key, decodeVector(stored));
  }
  return out;
}

type MemberDoc = Pick<
  ArticleDoc,
  'article_id' | 'story' | 'title' | 'source' | 'date' | 'collection' | 'text' | 'metadata'
>;

export async function readStories(
  client: Client,
  names: IndexNames,
  ids: readonly string[],
): Promise<Map<string, ArticleStory>> {
  const out = new Map<string, ArticleStory>();
  if (ids.length === 0) return out;
  const own = await orEmpty(
    () =>
      client.mget<Pick<ArticleDoc, 'story'>>({
        index: names.articles,
        ids: [...ids],
        _source_includes: ['story'],
      }),
    { docs: [] },
  );
  const storyOf = new Map<string, string>();
  for (const d of own.docs) {
    if ('found' in d && d.found) storyOf.set(d._id, d._source?.story ?? d._id);
  }
  if (storyOf.size === 0) return out;
  const res = await orEmpty(
    () =>
      retrySearch(() =>
        client.search<MemberDoc>({
          index: names.articles,
          size: MEMBERS_MAX,
          query: { terms: { story: [...new Set(storyOf.values())] } },
          sort: [{ article_id: 'asc' }],
          _source: ['article_id', 'story', 'title', 'source', 'date', 'collection', 'text', 'metadata'],
        }),
      ),
    undefined,
  );
  const byStory = new Map<string, StoryMember[]>();
  for (const h of res?.hits.hits ?? []) {
    const d = h._source;
    if (!d) continue;
    const url = d.metadata?.link ?? d.metadata?.url;
    const member: StoryMember = {
      id: d.article_id,
      title: d.title,
      source: d.source,
      date: d.date,
      collection: typeof d.collection === 'string' ? d.collection : null,
      url: typeof url === 'string' ? url : null,
      chars: d.text.length,
    };
    const story = d.story ?? d.article_id;
    const list = byStory.get(story);
    if (list) list.push(member);
    else byStory.set(story, [member]);
  }
  for (const [id, story] of storyOf) {
    // An article written before it had a story field is its own story.
    out.set(id, { story, members: byStory.get(story) ?? [] });
  }
  return out;
}
