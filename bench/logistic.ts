/** Weighted logistic regression by Newton's method (IRLS), with a small ridge for stability. */

export interface Sample {
  x: readonly number[];
  y: 0 | 1;
  w: number;
}

/** Solve A·d = b (Gaussian elimination with partial pivoting); A is n×n. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]?.[c] ?? 0) > Math.abs(m[p]?.[c] ?? 0)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = m[c] as number[];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = m[r] as number[];
      const f = (row[c] ?? 0) / (pivot[c] ?? 1);
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (pivot[k] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/** Coefficients [bias, ...weights] fitted on `samples` (features without the constant). */
export function fitLogistic(samples: readonly Sample[], ridge = 1e-3): number[] {
  const n = (samples[0]?.x.length ?? 0) + 1;
  let beta = new Array<number>(n).fill(0);
  for (let iter = 0; iter < 100; iter++) {
    const g = new Array<number>(n).fill(0);
    const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const s of samples) {
      const f = [1, ...s.x];
      const z = f.reduce((acc, v, i) => acc + v * (beta[i] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-z));
      for (let i = 0; i < n; i++) {
        g[i] = (g[i] ?? 0) + s.w * (s.y - p) * (f[i] ?? 0);
        const row = h[i] as number[];
        for (let j = 0; j < n; j++) row[j] = (row[j] ?? 0) + s.w * p * (1 - p) * (f[i] ?? 0) * (f[j] ?? 0);
      }
    }
    for (let i = 1; i < n; i++) {
      g[i] = (g[i] ?? 0) - ridge * (beta[i] ?? 0);
      (h[i] as number[])[i] = ((h[i] as number[])[i] ?? 0) + ridge;
    }
    const d = solve(h, g);
    beta = beta.map((b, i) => b + (d[i] ?? 0));
    if (Math.max(...d.map(Math.abs)) < 1e-9) break;
  }
  return beta;
}

export function predict(beta: readonly number[], x: readonly number[]): number {
  const z = x.reduce((acc, v, i) => acc + v * (beta[i + 1] ?? 0), beta[0] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
