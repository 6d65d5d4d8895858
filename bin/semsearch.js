#!/usr/bin/env node
import { main } from '../dist/serve/cli/main.js';

await main(process.argv);
