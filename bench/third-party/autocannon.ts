/** The HTTP load generator of `npm run bench -- --only load` (bench/sections/load.ts): autocannon. */
import autocannon from 'autocannon';
import type { LoadGenerator } from '../sections/load.js';

export const runLoad: LoadGenerator['runLoad'] = async ({ url, connections, seconds, nextPath }) => {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    // One entry whose path is set anew for every request: the connections share one sequence.
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  const codes = result.statusCodeStats ?? {};
  const count = (filter: (code: string) => boolean) =>
    Object.entries(codes)
      .filter(([code]) => filter(code))
      .reduce((sum, [, stats]) => sum + (stats.count ?? 0), 0);
  const answered = count((code) => code.startsWith('2'));
  const shed = count((code) => code === '503');
  return {
    responses: count(() => true),
    answered,
    shed,
    errors: result.errors + result.non2xx - shed,
    timeouts: result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
};
