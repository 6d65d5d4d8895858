/** `semsearch speakers`: the most quoted people of the index, with counts and date ranges. */

import type { Command } from 'commander';
import { useColor } from '../../../config.js';
import type { SpeakerList } from '../../../index.js';
import { withEngine } from '../engine.js';
import { collect, dateOption, err, type GlobalOptions, intOption, out, outText } from '../options.js';
import { plain } from '../plain.js';
import { createStyle, type Style } from '../render.js';

/** "2004-06-02 – 2005-03-09", one date when both are the same, nothing without dates. */
function range(first: string | null, last: string | null): string {
  if (!first || !last) return '';
  return first === last ? first : `${first} – ${last}`;
}

export function renderSpeakers(list: SpeakerList, style: Style): string {
  const lines = list.speakers.map((s) => {
    const counts = `${s.statements} ${s.statements === 1 ? 'statement' : 'statements'} in ${s.articles} ${s.articles === 1 ? 'article' : 'articles'}`;
    const role = s.roles[0] ? `, ${plain(s.roles[0])}` : '';
    const dates = range(s.firstDate, s.lastDate);
    return `${style.bold(plain(s.name))}${role}  ${style.dim([counts, dates].filter(Boolean).join(' · '))}`;
  });
  const more =
    list.total > list.speakers.length ? `\n${list.total - list.speakers.length} more (--limit)` : '';
  return `${lines.join('\n')}${more}\n`;
}

export function registerSpeakersCommand(program: Command): Command {
  return program
    .command('speakers')
    .description('the most quoted people of the index: statements, articles and dates')
    .option('--limit <n>', 'speakers to show (1-1000)', intOption('limit', 1, 1000), 20)
    .option('-c, --collection <name>', 'only articles of this collection (repeatable)', collect)
    .option('--from <date>', 'only articles dated on or after', dateOption)
    .option('--to <date>', 'only articles dated on or before', dateOption)
    .option('--json', 'print the list as JSON (as GET /v1/speakers gives it)')
    .action(
      async (opts: { limit: number; collection?: string[]; from?: string; to?: string; json?: boolean }) => {
        await withEngine(
          program.opts<GlobalOptions>(),
          async (engine) => {
            const list = await engine.speakers({
              limit: opts.limit,
              collections: opts.collection,
              dateFrom: opts.from,
              dateTo: opts.to,
            });
            if (opts.json) out(`${JSON.stringify(list, null, 2)}\n`);
            else if (list.speakers.length === 0)
              err('no one is quoted in the index (or in the articles asked for)\n');
            else outText(renderSpeakers(list, createStyle(useColor(process.stdout))));
          },
          true,
        );
      },
    );
}
