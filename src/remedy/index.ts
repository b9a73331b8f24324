/** Fixes that are proven: candidate changes per blocker, applied in memory and re-traced (docs/fixes.md). */
export { type ApplyResult, applyChange, applyChanges } from './apply.js';
export {
  attachFixes,
  attachResultFixes,
  attachWorkloadFixes,
  type CheckFn,
  fixesFor,
  opens,
} from './attach.js';
export type {
  NewNetworkAclEntry,
  NewSecurityGroupRule,
  SnapshotChange,
  SnapshotChangeKind,
} from './change.js';
export { renderChange, shellWord } from './commands.js';
