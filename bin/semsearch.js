#!/usr/bin/env node
import '../dist/serve/cli/main.js';
