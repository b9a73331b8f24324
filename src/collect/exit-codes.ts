/** Exit codes of `podreach collect` (docs/collect.md). */
export const COLLECT_EXIT = {
  /** Everything was collected. */
  complete: 0,
  /** Bad usage: unknown option value, unreadable kubeconfig or context, output folder not empty. */
  usage: 2,
  /** The snapshot was written, but some calls failed or were skipped (see collection.json). */
  partial: 4,
} as const;
