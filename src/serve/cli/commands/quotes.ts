/** `semsearch quotes NAME [TOPIC]`: what a person said (on a topic), their own words first. */

import type { Command } from 'commander';
import { useColor } from '../../../config.js';
import type { StatementsResponse } from '../../../index.js';
import { ON_TOPIC, statementAlso, statementByline, statementWords } from '../../../results/index.js';
import { withEngine } from '../engine.js';
import { dateOption, type GlobalOptions, intOption, out, outText } from '../options.js';
import { plain } from '../plain.js';
import { createStyle, type Style } from '../render.js';

export function renderQuotes(r: StatementsResponse, style: Style): string {
  const { asked, topic, matched, quotedIn } = r.speaker;
  if (matched.length === 0) {
    return `No one named ${plain(asked)} is quoted in the articles found. Try their surname, or ask a question with "semsearch ask".\n`;
  }
  const who = plain(matched[0] as string);
  const articles = `${quotedIn} ${quotedIn === 1 ? 'article' : 'articles'} found`;
  const head = !topic
    ? `What ${who} said (${articles}):`
    : r.statements.some((st) => st.relevance >= ON_TOPIC)
      ? `What ${who} said about ${plain(topic)}:`
      : `${who} is quoted in ${articles}, none about ${plain(topic)}; closest:`;
  const lines = [style.bold(head), ''];
  for (const st of r.statements) {
    lines.push(`  ${plain(statementWords(st))}`);
    lines.push(
      style.dim(
        `   — ${plain([statementByline(st), st.articleId, statementAlso(st)].filter(Boolean).join(' · '))}`,
      ),
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerQuotesCommand(program: Command): Command {
  return program
    .command('quotes')
    .description('what a person said (on a topic): their quotations and reported words, who, when and where')
    .argument('<name>', 'who: a name as you would type it ("Abe", "Mr Blair"), a surname, a title and name')
    .argument('[topic...]', 'about what (leave out for everything they said in the articles found)')
    .option('-k, --k <n>', 'statements to show (1-50)', intOption('k', 1, 50), 10)
    .option('--from <date>', 'only articles dated on or after', dateOption)
    .option('--to <date>', 'only articles dated on or before', dateOption)
    .option('--json', 'print the statements as JSON (as GET /v1/statements gives them)')
    .action(
      async (
        name: string,
        topic: string[],
        opts: { k: number; from?: string; to?: string; json?: boolean },
      ) => {
        await withEngine(
          program.opts<GlobalOptions>(),
          async (engine) => {
            const r = await engine.statements({
              speaker: name,
              topic: topic.join(' ') || undefined,
              dateFrom: opts.from,
              dateTo: opts.to,
              limit: opts.k,
            });
            if (opts.json) out(`${JSON.stringify(r, null, 2)}\n`);
            else outText(renderQuotes(r, createStyle(useColor(process.stdout))));
          },
          true,
        );
      },
    );
}
