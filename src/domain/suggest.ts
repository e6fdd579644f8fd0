/** "Did you mean" by Damerau–Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  const m = a.length, n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** The closest candidate within a distance proportional to the word, or undefined. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  // A name far longer than any key is not a typo of one: no suggestion (and no quadratic work).
  if (word.length > 120) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  const limitFor = Math.max(2, Math.floor(word.length / 3));
  for (const c of candidates) {
    if (Math.abs(c.length - w.length) > Math.max(limitFor, bestD)) continue;
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestD) { bestD = dist; best = c; }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  if (best !== undefined && bestD <= limit) return best;
  // a key that contains the word or the reverse ("price" for "price_eur")
  const contained = candidates.find((c) => c.includes(w) || (w.length > 3 && w.includes(c)));
  return contained;
}
