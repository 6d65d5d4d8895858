/**
 * The write path of the Elasticsearch store. Each article is written as passages first (under
 * fresh ids from the state document's counter), then the article document (which names its
 * passages), then its old passages are deleted; an article whose passages or document failed
 * is rolled back and named in the error, the others stay written.
 */
import { SearchError } from '../../errors.js';
import type { ArticleWrite, StoreChange } from '../chunk-store.js';
import { type BulkAction, runBulk } from './bulk.js';
import { type Client, isNotFound, mgetComplete } from './client.js';
import { type ArticleDoc, articleDoc, passageDoc } from './documents.js';
import type { IndexNames } from './mappings.js';
import { updateState } from './state.js';

/** Passage ids each stored article names (absent articles are absent from the map). */
export async function articlePassageIds(
  client: Client,
  names: IndexNames,
  ids: readonly string[],
): Promise<Map<string, number[]>> {
  if (ids.length === 0) return new Map();
  let res: { docs: Array<{ _id: string; found?: boolean; _source?: Pick<ArticleDoc, 'passage_ids'> }> };
  try {
    res = await mgetComplete(() =>
      client.mget<Pick<ArticleDoc, 'passage_ids'>>({
        index: names.articles,
        ids: [...ids],
        _source_includes: ['passage_ids'],
      }),
    );
  } catch (error) {
    if (isNotFound(error)) return new Map();
    throw error;
  }
  const out = new Map<string, number[]>();
  for (const d of res.docs) if ('found' in d && d.found && d._source) out.set(d._id, d._source.passage_ids);
  return out;
}

/** Write each article with its passages; see the module header for the order and rollback. */
export async function replaceArticles(
  client: Client,
  names: IndexNames,
  writes: readonly ArticleWrite[],
): Promise<StoreChange> {
  const total = writes.reduce((n, w) => n + w.passages.length, 0);
  const { before, after } = await updateState(client, names.state, (s) => ({
    ...s,
    generation: s.generation + 1,
    nextPassageId: s.nextPassageId + total,
  }));
  const old = await articlePassageIds(
    client,
    names,
    writes.map((w) => w.article.id),
  );
  let next = before.nextPassageId;
  const assigned = writes.map((w) => w.passages.map(() => next++));

  // 1. The new passages, under fresh ids (a reader may briefly see old and new together).
  const passageActions: BulkAction[] = [];
  const owner: number[] = [];
  writes.forEach((w, i) => {
    w.passages.forEach((p, j) => {
      const id = assigned[i]?.[j] as number;
      passageActions.push({
        op: 'index',
        index: names.passages,
        id: String(id),
        doc: passageDoc(w.article, id, p),
      });
      owner.push(i);
    });
  });
  const failed = new Map<number, string>();
  (await runBulk(client, passageActions)).forEach((e, k) => {
    const i = owner[k] as number;
    if (e && !failed.has(i)) failed.set(i, e);
  });

  // 2. Article docs of complete articles; the new passages of incomplete ones are removed.
  const articleActions: BulkAction[] = [];
  const articleOwner: number[] = [];
  writes.forEach((w, i) => {
    if (failed.has(i)) return;
    articleActions.push({
      op: 'index',
      index: names.articles,
      id: w.article.id,
      doc: { ...articleDoc(w.article, w.contentHash, assigned[i] ?? [], w.copy, w.statements) },
    });
    articleOwner.push(i);
  });
  (await runBulk(client, articleActions)).forEach((e, k) => {
    if (e) failed.set(articleOwner[k] as number, e);
  });

  // 3. Old passages of written articles; new passages of failed ones (best effort).
  const cleanup: BulkAction[] = [];
  const removedPassageIds: number[] = [];
  writes.forEach((w, i) => {
    const ids = failed.has(i) ? (assigned[i] ?? []) : (old.get(w.article.id) ?? []);
    if (!failed.has(i)) removedPassageIds.push(...ids);
    for (const id of ids) cleanup.push({ op: 'delete', index: names.passages, id: String(id) });
  });
  await runBulk(client, cleanup);

  const added = writes.flatMap((w, i) =>
    failed.has(i)
      ? []
      : w.passages.map((p, j) => ({ id: assigned[i]?.[j] as number, embedding: p.embedding })),
  );
  const change: StoreChange = { removedPassageIds, added, generation: after.generation };
  if (failed.size > 0) {
    const notWritten = [...failed.keys()].map((i) => writes[i]?.article.id as string);
    const written = writes.filter((_, i) => !failed.has(i)).map((w) => w.article.id);
    // The caller records the written part (`change`) and reports the rest article by article.
    throw new SearchError(
      'BACKEND_UNAVAILABLE',
      `${notWritten.length} of ${writes.length} articles were not written (${notWritten.slice(0, 5).join(', ')}${notWritten.length > 5 ? ', …' : ''}: ${[...failed.values()][0]}); the other ${written.length} were. Run the ingest again once the cluster is healthy: unchanged articles are skipped.`,
      { details: { notWritten, written, change } },
    );
  }
  return change;
}
