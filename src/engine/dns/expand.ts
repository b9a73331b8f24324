/**
 * Search-list expansion as glibc's res_search does it (resolv.conf(5), "ndots"): a name ending with a dot is
 * absolute and asked as it is; a name with at least `ndots` dots is asked as it is first, then with each search
 * domain; a name with fewer dots is asked with each search domain first, then as it is. Returned names are
 * fully qualified, lower-case, with the trailing dot.
 */
export function expandName(name: string, searches: readonly string[], ndots: number): string[] {
  const lower = name.trim().toLowerCase();
  if (lower.endsWith('.')) return [lower];
  const asIs = `${lower}.`;
  const searched = searches.map((s) => `${lower}.${s.replace(/\.$/, '')}.`);
  const dots = lower.split('.').length - 1;
  const ordered = dots >= ndots ? [asIs, ...searched] : [...searched, asIs];
  return [...new Set(ordered)];
}
