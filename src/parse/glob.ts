/**
 * Include/exclude globs for folder walks, matched by picomatch against paths relative to the
 * walked folder, always with `/`: `*` and `?` stay within one folder, `**` crosses folders,
 * `{a,b}` and `{1..3}` expand, `[abc]`, `[!a]` and `[[:digit:]]` are classes, and a leading
 * `!` negates the glob.
 */
import { lazyRequire } from '../lazy-require.js';

const picomatch = lazyRequire<typeof import('picomatch/posix')>('picomatch/posix', import.meta.url);

/** Whether a relative path matches any of `globs` (none, or only empty ones: nothing matches). */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const usable = globs.filter((glob) => glob !== ''); // picomatch throws on an empty glob
  if (usable.length === 0) return () => false;
  return picomatch()(usable, { posix: true });
}
