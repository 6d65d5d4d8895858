/**
 * A settings layer whose every value is plainly valid, judged without zod: zod takes about
 * 0.1 s to load, which a new `semsearch ask --index DIR` would pay just to accept one folder
 * name. Only ever says yes to what the schema in config.ts accepts (a property test holds it
 * to that); anything else, unknown keys included, goes to the schema and its messages.
 */
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;
const intIn = (min: number, max: number) => (v: unknown) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const oneOf =
  (...values: string[]) =>
  (v: unknown) =>
    typeof v === 'string' && values.includes(v);

const PLAINLY_VALID: Readonly<Record<string, (v: unknown) => boolean>> = {
  indexDir: nonEmpty,
  model: nonEmpty,
  dtype: oneOf('fp32', 'q8'),
  modelCacheDir: nonEmpty,
  batchSize: intIn(1, 1024),
  chunkMaxTokens: intIn(16, 510),
  passageContext: oneOf('title', 'title+lede', 'none'),
  host: nonEmpty,
  port: intIn(0, 65535),
  apiKey: nonEmpty,
  corsOrigins: (v) => Array.isArray(v) && v.every(nonEmpty),
  searchWorkers: intIn(0, 16),
  queryCacheSize: intIn(0, 1_000_000),
  logLevel: oneOf('silent', 'error', 'info', 'debug'),
  backend: oneOf('embedded', 'elasticsearch'),
  esUrl: (v) => nonEmpty(v) && (v as string).split(',').every((u) => URL.canParse(u.trim())),
  esIndex: (v) => typeof v === 'string' && /^[a-z0-9][a-z0-9_-]{0,100}$/.test(v),
};

export function plainlyValid(layer: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(layer).every(([key, value]) => {
    const valid = Object.hasOwn(PLAINLY_VALID, key) ? PLAINLY_VALID[key] : undefined;
    return valid?.(value) === true;
  });
}
