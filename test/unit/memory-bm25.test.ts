/**
 * The in-memory passage BM25 against FTS5's bm25() on the same database: the same passages in
 * the same order with the same scores, before and after writes it has to catch up with, with
 * filters, and on the text that FTS5 tokenizes in its own way (diacritics, long words, digits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexTerm, parseQuery, words } from '../../src/analysis/index.js';
import type { SqliteStore } from '../../src/backends/embedded/index.js';
import { createSqliteStore } from '../../src/backends/embedded/index.js';
import { createPassageBm25 } from '../../src/backends/embedded/passage-bm25.js';
import { memoryQueryTerms } from '../../src/backends/embedded/sqlite-lexical.js';
import type { ArticleWrite, LexicalHit, PassageWrite, SearchFilters } from '../../src/backends/index.js';
import { coverageGroups, termCoverage } from '../../src/search/relevance.js';
import { FIXTURES, tempDir } from '../helpers.js';

interface Doc {
  id: string;
  title: string;
  text: string;
}

const docs: Doc[] = readFileSync(join(FIXTURES, 'scifact-300.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Doc);

/** An article write with one passage per three sentences (no model: a zero embedding). */
function write(doc: Doc, collection = 'scifact'): ArticleWrite {
  const sentences = doc.text.match(/[^.!?]+[.!?]*\s*/g) ?? [doc.text];
  const passages: PassageWrite[] = [];
  let start = 0;
  for (let i = 0; i < sentences.length; i += 3) {
    const text = sentences.slice(i, i + 3).join('');
    const draft = {
      articleId: doc.id,
      ordinal: passages.length,
      paragraph: 0,
      start,
      end: start + text.length,
    };
    passages.push({ draft: { ...draft, text, tokens: 0 }, embedding: new Float32Array(4) });
    start += text.length;
  }
  return {
    article: {
      id: doc.id,
      title: doc.title,
      text: doc.text,
      paragraphs: [{ start: 0, end: doc.text.length }] as ArticleWrite['article']['paragraphs'],
      collection,
      metadata: {},
    },
    contentHash: `${doc.id}-${doc.text.length}`,
    passages,
  };
}

const QUERIES = [
  'diffusion tensor imaging of white matter in newborns',
  'vitamin D deficiency and bone fractures',
  'the defence of the organisation',
  'run running runs ran',
  'cells',
  'a', // only a stop word: kept, as FTS5 is asked for it
  'café naïve résumé',
  'Zürich Straße',
  '2007 1.5 mg',
  'x'.repeat(70),
  'nonexistentword',
  'tumour tumor',
  'αλφα',
  'viet',
  'word',
  'naïve',
  'straße',
  'private',
  'nang',
];

describe('in-memory passage BM25', () => {
  let warm: SqliteStore | undefined;
  let cold: SqliteStore | undefined;
  let cleanup: (() => void) | undefined;
  afterEach(async () => {
    await warm?.close();
    await cold?.close();
    cleanup?.();
    warm = cold = undefined;
  });

  /** A store that answers from memory and one on the same database that asks FTS5. */
  async function open(): Promise<{ warm: SqliteStore; cold: SqliteStore }> {
    const temp = tempDir();
    cleanup = temp.cleanup;
    const dir = temp.dir;
    warm = createSqliteStore({ dir });
    await warm.replaceArticles(docs.slice(0, 250).map((d) => write(d)));
    await warm.replaceArticles([
      write({
        id: 'accents',
        title: 'Café culture in Zürich',
        text: 'A naïve résumé of the Straße café scene. The CAFE was closed.',
      }),
      write({
        id: 'long',
        title: 'Long words',
        text: `${'x'.repeat(70)} and ${'x'.repeat(63)} were typed in 2007 at 1.5 mg.`,
      }),
      write({
        id: 'spelling',
        title: 'Defence',
        text: 'The defense organisation and the organization of a tumour, or tumor.',
      }),
      // Where the analyzer's words are not FTS5's: a decomposed diacritic, stacked diacritics,
      // Greek, ß and its Porter step on bytes, a private-use character, a symbol variant.
      write({
        id: 'mixed',
        title: 'ΆΛΦΑ and Đà Nẵng',
        text: 'A nai\u0308ve private note from Việt straßes about ἀλφα, \ue000word and ϐeta in ǖ.',
      }),
    ]);
    cold = createSqliteStore({ dir });
    await warm.warmLexical();
    return { warm, cold };
  }

  async function expectSame(a: SqliteStore, b: SqliteStore, query: string, filters?: SearchFilters) {
    const fromMemory: LexicalHit[] = await a.lexicalSearch(query, 100, filters);
    const fromFts: LexicalHit[] = await b.lexicalSearch(query, 100, filters);
    expect(
      fromMemory.map((h) => h.passageId),
      query,
    ).toEqual(fromFts.map((h) => h.passageId));
    // To the bit: the store takes idf's logarithm from SQLite, as FTS5 does.
    expect(fromMemory.map((h) => h.bm25)).toEqual(fromFts.map((h) => h.bm25));
    return fromMemory;
  }

  it('ranks and scores as FTS5 does', async () => {
    const s = await open();
    let nonEmpty = 0;
    for (const q of QUERIES) if ((await expectSame(s.warm, s.cold, q)).length > 0) nonEmpty++;
    for (const d of docs.slice(0, 40)) await expectSame(s.warm, s.cold, d.title);
    expect(nonEmpty).toBeGreaterThanOrEqual(9);
    // The folded and the long words were found at all.
    expect((await s.warm.lexicalSearch('cafe', 10)).length).toBe(1);
    expect((await s.warm.lexicalSearch('x'.repeat(70), 10)).length).toBe(1);
  });

  it('keeps in step with writes made after it was built, by this store or another', async () => {
    const s = await open();
    const writer = s.cold;
    await writer.replaceArticles(docs.slice(250, 300).map((d) => write(d)));
    await writer.deleteArticles(docs.slice(0, 20).map((d) => d.id));
    // A changed article: its passages are replaced.
    await writer.replaceArticles([
      write({ ...(docs[30] as Doc), text: 'Entirely new words about glaciers.' }),
    ]);
    const glaciers = await expectSame(s.warm, writer, 'glaciers');
    expect(glaciers).toHaveLength(1);
    for (const q of QUERIES) await expectSame(s.warm, writer, q);
    for (const d of docs.slice(0, 30)) {
      await expectSame(s.warm, writer, d.title);
    }
    // Deleted articles are gone from the memory index too.
    const deleted = new Set(docs.slice(0, 20).map((d) => d.id));
    const passages = await s.warm.getPassages(
      (await s.warm.lexicalSearch(docs[0]?.title as string, 100)).map((h) => h.passageId),
    );
    expect(passages.some((p) => deleted.has(p.articleId))).toBe(false);
    // The passage → article map follows the same writes.
    const ids = Array.from({ length: 3000 }, (_, i) => i + 1);
    const owners = await s.warm.passageArticles(ids);
    expect(owners?.size).toBeGreaterThan(500);
    expect(owners).toEqual(await writer.passageArticles(ids));
    // Removing most of it makes the next search rebuild, with the same answers.
    await writer.deleteArticles(docs.slice(20, 200).map((d) => d.id));
    for (const q of QUERIES) await expectSame(s.warm, writer, q);
    expect(await s.warm.passageArticles(ids)).toEqual(await writer.passageArticles(ids));
  });

  it('applies filters as FTS5 does', async () => {
    const s = await open();
    await s.cold.replaceArticles(docs.slice(250, 270).map((d) => write(d, 'other')));
    for (const q of QUERIES.slice(0, 5)) {
      await expectSame(s.warm, s.cold, q, { collections: ['other'] });
      await expectSame(s.warm, s.cold, q, { articleIds: docs.slice(0, 50).map((d) => d.id) });
      expect(await s.warm.lexicalSearch(q, 10, { collections: ['none'] })).toEqual([]);
    }
  });

  it('leaves phrases and exclusions to FTS5, and refuses nothing it used to answer', async () => {
    expect(memoryQueryTerms('"white matter" brain')).toBeUndefined();
    expect(memoryQueryTerms('brain -mouse')).toBeUndefined();
    expect(memoryQueryTerms('the defence of colour')).toEqual(['defenc', 'defens', 'colour', 'color']);
    const s = await open();
    for (const q of [
      '"white matter" diffusion',
      'diffusion -tensor',
      '"',
      'NEAR(abe kuril)',
      'abe" OR "x',
      '(((',
    ]) {
      await expectSame(s.warm, s.cold, q);
    }
  });
});

describe('word coverage from the in-memory index', () => {
  it('equals coverage worked out from the text, and answers for every passage, FTS5-tokenized ones too', async () => {
    const { dir, cleanup } = tempDir();
    const store = createSqliteStore({ dir });
    try {
      await store.replaceArticles(docs.slice(0, 120).map((d) => write(d)));
      await store.replaceArticles([
        write({
          id: 'accents',
          title: 'Café culture',
          text: 'A naïve résumé of the café scene, in “quotes” — and CAFE.',
        }),
        write({ id: 'long', title: 'Long words', text: `${'cells'.repeat(14)} of cells and cell lines.` }),
        // Letters that stay non-ASCII: FTS5 tokenizes the passage itself (addCounted).
        write({
          id: 'greek',
          title: 'TGF-β signalling',
          text: 'TGF-β and α cells; the β cell lines of mice.',
        }),
      ]);
      await store.warmLexical();
      const ids = Array.from({ length: 2000 }, (_, i) => i + 1);
      const passages = new Map((await store.getPassages(ids)).map((p) => [p.id, p]));
      let answered = 0;
      let asked = 0;
      for (const q of [
        ...QUERIES,
        'cafe cells',
        'café résumé',
        'β cells α',
        'the of a',
        '"white matter" cells',
        ...docs.slice(0, 20).map((d) => d.title),
      ]) {
        const parsed = parseQuery(q);
        asked++;
        const fromIndex = await store.wordCoverage(ids, coverageGroups(parsed));
        for (const [id, coverage] of fromIndex) {
          const p = passages.get(id);
          expect(p, `${id}`).toBeDefined();
          expect(coverage, `${q} / ${id}`).toBe(termCoverage(parsed, `${p?.title}\n${p?.text}`));
          answered++;
        }
        // Accented words, words past FTS5's stemming length and FTS5's own terms: from the
        // words' stems kept beside the terms.
        for (const p of passages.values())
          if (['accents', 'long', 'greek'].includes(p.articleId))
            expect(fromIndex.has(p.id), `${p.articleId}: ${p.text}`).toBe(true);
      }
      expect(answered).toBe(passages.size * asked);
    } finally {
      await store.close();
      cleanup();
    }
  });
});

describe('PassageBm25', () => {
  const analyzer = { words, term: indexTerm };

  it('answers coverage from the stems of its words kept apart, unless a stem starts unlike its word', () => {
    // Index terms unlike the coverage terms ("x" + the word), and "zebra" stemmed to "bra".
    const index = createPassageBm25({
      words,
      term: (w) => `x${w}`,
      coverageTerm: (w) => (w === 'zebra' ? 'bra' : w),
    });
    index.add(1, ['Cats', 'cats and dogs']);
    index.addCounted(2, new Map([['xdogs', 1]]), 1, ['', 'dogs']);
    index.addCounted(3, new Map([['xdogs', 1]]), 1);
    index.add(4, ['', 'a zebra']);
    const coverage = index.coverage([1, 2, 3, 4], [['cats'], ['dogs'], ['bra']]);
    expect([...coverage]).toEqual([
      [1, 2 / 3],
      [2, 1 / 3],
    ]);
    // Removed and added again: its own list, not the old one.
    index.add(1, ['', 'dogs']);
    expect(index.coverage([1], [['cats'], ['dogs']]).get(1)).toBe(1 / 2);
  });

  it('replaces a passage added again, forgets removed ones, and breaks ties by the lower id', () => {
    const index = createPassageBm25(analyzer);
    index.add(7, ['', 'apple pie']);
    index.add(3, ['', 'apple tart']);
    index.add(5, ['', 'plum pie']);
    index.add(9, ['', 'pear']);
    // 3 and 7 tie on "apple" (same length, same count): the lower id first.
    expect(index.search(['appl'], 10).map((h) => h.passageId)).toEqual([3, 7]);
    index.add(7, ['', 'plum crumble']);
    expect(index.search(['appl'], 10).map((h) => h.passageId)).toEqual([3]);
    expect(index.search(['plum'], 10).map((h) => h.passageId)).toEqual([5, 7]);
    index.remove(5);
    index.remove(42);
    expect(index.search(['plum'], 10).map((h) => h.passageId)).toEqual([7]);
    expect(index.size).toBe(3);
    expect(index.deletedShare()).toBeCloseTo(2 / 5);
    expect(index.search(['plum', 'appl', 'pear'], 2)).toHaveLength(2);
    expect(index.search(['plum'], 0)).toEqual([]);
  });

  it('keeps the best `limit` of many passages, best first', () => {
    const index = createPassageBm25(analyzer);
    // Passage i says "word" i times among padding: more is better.
    for (let i = 1; i <= 500; i++) index.add(i, ['', `${'word '.repeat(i % 50)} pad`.padEnd(400, ' x')]);
    const hits = index.search(['word'], 20);
    expect(hits).toHaveLength(20);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]?.bm25).toBeGreaterThanOrEqual(hits[i]?.bm25 as number);
    expect(hits[0]?.passageId).toBe(49);
  });
});
