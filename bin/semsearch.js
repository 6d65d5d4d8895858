#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/serve/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  // npm install builds nothing (no install script to allow); start, test and build do.
  const root = fileURLToPath(new URL('..', import.meta.url));
  console.error(`semsearch: not built yet. Run \`npm run build\` in ${root}, then try again.`);
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv);
