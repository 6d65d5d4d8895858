/**
 * The unit tier runs without the model, servers, browsers or child processes (real SQLite and
 * HNSW in a temp folder, the fake embedder). Run before every unit test file, this makes each
 * of those fail at once, saying where the test belongs, instead of slowing the tier down.
 */
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const refuse = (what: string) => (): never => {
  throw new Error(`unit tests ${what}: a test that needs it belongs in test/integration`);
};

const childProcess = require('node:child_process') as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
  childProcess[name] = refuse(`start no child process (child_process.${name})`);
}
// HTTP, HTTPS and plain TCP servers all listen through net.Server.
const net = require('node:net') as typeof import('node:net');
net.Server.prototype.listen = refuse('open no listening socket (server.listen)');
// The model runs in onnxruntime-node; its native binding is loaded only when a model is.
const dlopen = process.dlopen.bind(process);
process.dlopen = (module: object, filename: string, flags?: number) => {
  if (/onnxruntime/i.test(filename)) refuse('load no model (onnxruntime-node)')();
  return flags === undefined ? dlopen(module, filename) : dlopen(module, filename, flags);
};
// ES modules that imported child_process by name see the replacements too.
syncBuiltinESMExports();
