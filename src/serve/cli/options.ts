/** Global options, option parsers and output streams shared by every command. */
import { InvalidArgumentError } from 'commander';
import type { ConfigOverrides } from '../../config.js';
import { DATE_FILTER_HINT, isIsoDateFilter } from '../api/iso-date.js';
import { writeAboveBar } from './progress.js';
import { outputWidth, wrapText } from './wrap.js';

export interface GlobalOptions {
  index?: string;
  model?: string;
  dtype?: 'fp32' | 'q8';
  config?: string;
  verbose?: boolean;
  quiet?: boolean;
  backend?: 'embedded' | 'elasticsearch';
  esUrl?: string;
  /** Not global: set by the commands that fetch feeds (follow, serve, ingest URL). */
  allowPrivateHosts?: boolean | undefined;
}

export const out = (s: string) => process.stdout.write(s);
export const err = (s: string) => writeAboveBar(process.stderr, s);
/** Text for people: wrapped on words to the terminal's width, as it is when piped. */
export const outText = (s: string) => out(wrapText(s, outputWidth(process.stdout)));

export function intOption(name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be a whole number.`);
    if (n < min || n > max)
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `${name} must be ${min} or more, got ${n}.`
          : `${name} must be from ${min} to ${max}, got ${n}.`,
      );
    return n;
  };
}

export function numberOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('must be a number.');
  return n;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The global options as configuration overrides; an option not given is undefined, which resolveConfig skips. */
export function overridesOf(g: GlobalOptions): ConfigOverrides {
  return {
    indexDir: g.index,
    model: g.model,
    dtype: g.dtype,
    configFile: g.config,
    logLevel: g.quiet ? 'error' : g.verbose ? 'debug' : undefined,
    backend: g.backend,
    esUrl: g.esUrl,
    allowPrivateHosts: g.allowPrivateHosts || undefined,
  };
}

/** `--collection`: a name without "/", or bad usage (exit 2). */
export function collectionOption(value: string): string {
  if (!/^[^/\s][^/]*$/.test(value) || value.length > 200) {
    throw new InvalidArgumentError(`"${value}" is not a collection name (up to 200 characters, no "/").`);
  }
  return value;
}

/** `--year`: a four-digit year. */
export function yearOption(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a year (YYYY).`);
  return Number(value);
}

/** Bad usage found inside an action: one line on stderr, exit code 2. */
export function usageError(message: string): void {
  err(`semsearch: ${message} (run with --help for usage)\n`);
  process.exitCode = 2;
}

/** `--from`/`--to`: an ISO date, or bad usage (exit 2). */
export function dateOption(value: string): string {
  if (!isIsoDateFilter(value)) throw new InvalidArgumentError(`"${value}" is not ${DATE_FILTER_HINT}.`);
  return value;
}
