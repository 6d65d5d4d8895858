/**
 * Managing documents from the CLI: `collections`, `ls`, `get` and `rm`, so that looking at or
 * deleting an article needs neither a server nor an API key.
 */
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { SearchError } from '../../../errors.js';
import type { SearchEngine } from '../../../index.js';
import { withEngine } from '../engine.js';
import {
  collectionOption,
  err,
  type GlobalOptions,
  intOption,
  out,
  outText,
  usageError,
} from '../options.js';
import { plain } from '../plain.js';
import { UNTITLED } from '../render-results.js';

/** Articles fetched per listing call when a whole collection is walked. */
const LIST_PAGE = 1000;

async function idsOfCollection(engine: SearchEngine, collection: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += LIST_PAGE) {
    const page = await engine.listArticles({ collection, offset, limit: LIST_PAGE });
    ids.push(...page.articles.map((a) => a.id));
    if (page.articles.length < LIST_PAGE) return ids;
  }
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerDocumentCommands(program: Command): void {
  const g = () => program.opts<GlobalOptions>();

  program
    .command('collections')
    .description('list the collections with their article counts')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withEngine(
        g(),
        async (engine) => {
          const collections = await engine.collections();
          if (opts.json) out(`${JSON.stringify(collections, null, 2)}\n`);
          else if (collections.length === 0)
            err('no collections yet: semsearch ingest PATH --collection NAME\n');
          else
            out(
              collections
                .map((c) => `${plain(c.name)}\t${c.articles}`)
                .join('\n')
                .concat('\n'),
            );
        },
        true,
      );
    });

  program
    .command('ls')
    .description('list articles by id (date, collection, title)')
    .option('--collection <name>', 'only this collection', collectionOption)
    .option('--offset <n>', 'skip this many articles', intOption('offset'), 0)
    .option('--limit <n>', 'articles to list (1-1000)', intOption('limit'), 1000)
    .option('--copies', 'only articles that have copies, one story after another')
    .option('--json', 'print {total, articles} as JSON')
    .action(
      async (opts: {
        collection?: string;
        offset: number;
        limit: number;
        copies?: boolean;
        json?: boolean;
      }) => {
        if (opts.offset < 0 || opts.limit < 1 || opts.limit > LIST_PAGE) {
          return usageError('--offset must be 0 or more and --limit between 1 and 1000.');
        }
        await withEngine(
          g(),
          async (engine) => {
            const page = await engine.listArticles(opts);
            if (opts.json) return out(`${JSON.stringify(page, null, 2)}\n`);
            let story: string | undefined;
            for (const a of page.articles) {
              if (opts.copies && a.story !== story)
                out(`${story === undefined ? '' : '\n'}story ${plain(a.story)}\n`);
              story = a.story;
              const title = `${plain(a.title)}${a.titleDerived ? ` ${UNTITLED}` : ''}`;
              out(`${opts.copies ? '  ' : ''}${plain(a.id)}\t${a.date ?? '-'}\t${title}\n`);
            }
            if (page.total > opts.offset + page.articles.length) {
              err(`${page.total} articles; more with --offset ${opts.offset + page.articles.length}\n`);
            }
          },
          true,
        );
      },
    );

  program
    .command('get')
    .description('show one article: metadata and text')
    .argument('<id>', 'article id, as listed by semsearch ls')
    .option('--json', 'print the stored article as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withEngine(
        g(),
        async (engine) => {
          const article = await engine.getArticle(id);
          if (!article) {
            throw new SearchError('NOT_FOUND', `No article "${id}"; list the ids with "semsearch ls".`);
          }
          if (opts.json) return out(`${JSON.stringify(article, null, 2)}\n`);
          const facts = [
            ['id', article.id],
            ['title', `${article.title}${article.titleDerived ? ' (untitled: its first words)' : ''}`],
            ['collection', article.collection],
            ['date', article.date],
            ['place', article.place],
            ['source', article.source],
            ['file', article.sourcePath],
            ['passages', String(article.passageCount)],
          ].filter((f): f is [string, string] => typeof f[1] === 'string');
          outText(
            `${facts.map(([k, v]) => `${`${k}:`.padEnd(12)}${plain(v)}`).join('\n')}\n\n${plain(article.text)}\n`,
          );
        },
        true,
      );
    });

  program
    .command('rm')
    .description('remove articles by id, or a whole collection')
    .argument('[ids...]', 'article ids, as listed by semsearch ls')
    .option('--collection <name>', 'remove every article of this collection', collectionOption)
    .option('-y, --yes', 'do not ask (needed when not on a terminal)')
    .action(async (ids: string[], opts: { collection?: string; yes?: boolean }) => {
      if (ids.length > 0 === (opts.collection !== undefined)) {
        return usageError('give article ids or --collection NAME (one of the two).');
      }
      const tty = process.stdin.isTTY === true && process.stderr.isTTY === true;
      if (!opts.yes && !tty) return usageError('rm asks before removing; not on a terminal, pass --yes.');
      await withEngine(
        g(),
        async (engine) => {
          const targets =
            opts.collection !== undefined ? await idsOfCollection(engine, opts.collection) : ids;
          const missing = [];
          for (const id of opts.collection !== undefined ? [] : targets) {
            if (!(await engine.getArticle(id))) missing.push(id);
          }
          if (missing.length > 0) {
            throw new SearchError(
              'NOT_FOUND',
              `No article "${missing[0]}"${missing.length > 1 ? ` (and ${missing.length - 1} more)` : ''}; nothing was removed; list the ids with "semsearch ls".`,
            );
          }
          if (targets.length === 0) {
            throw new SearchError(
              'NOT_FOUND',
              `Collection "${opts.collection}" has no articles; list them with "semsearch collections".`,
            );
          }
          const what =
            opts.collection !== undefined
              ? `all ${targets.length} articles of "${opts.collection}"`
              : `${targets.length} article(s)`;
          if (!opts.yes && !(await confirm(`remove ${plain(what)}? [y/N] `))) {
            err('nothing was removed\n');
            return;
          }
          const { removed } = await engine.deleteArticles(targets);
          err(`removed ${removed} article(s)\n`);
        },
        true,
      );
    });
}
