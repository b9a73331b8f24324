/**
 * Memoisation by object identity. Snapshots are read-only and a changed snapshot is a new object that shares its
 * unchanged arrays (remedy/apply.ts, what-if), so a value derived from one array alone can be cached in a WeakMap
 * keyed by that array: it is reused by every snapshot sharing the array and never outlives it. Key a cache by the
 * narrowest input the value depends on (issue 9); never by a mutable global.
 */
export function memoByIdentity<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    // One lookup on a hit (resolvePodSource is asked on every hop); `has` only tells a cached undefined from a miss.
    const cached = cache.get(key);
    if (cached !== undefined || cache.has(key)) return cached as V;
    const value = build(key);
    cache.set(key, value);
    return value;
  };
}

/** As memoByIdentity, for a value built from two inputs: reused only while both identities match. */
export function memoByIdentities<A extends object, B extends object, V>(
  build: (a: A, b: B) => V,
): (a: A, b: B) => V {
  const byFirst = memoByIdentity((a: A) => memoByIdentity((b: B) => build(a, b)));
  return (a, b) => byFirst(a)(b);
}
