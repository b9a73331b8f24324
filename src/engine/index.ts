/** The trace engine: pure, snapshot + query in, trace out. */
export type { CheckResult, QueryError } from './api.js';
export { check, formatDestination, formatSource } from './check.js';
export { indexSnapshot, type SnapshotIndex } from './snapshot-index.js';
