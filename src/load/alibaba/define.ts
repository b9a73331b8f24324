import type { Adapter } from '../adapter.js';
import type { RawDocument } from '../raw-document.js';
import { type Action, actionLabel, type BodyContext, isRecord } from './context.js';
import { finishAlibaba } from './finish.js';

export interface AlibabaAdapterSpec {
  readonly action: Action;
  /** Looks at the body's distinctive top-level keys only; the file name never decides. */
  readonly recognise: (body: Record<string, unknown>) => boolean;
  readonly load: (ctx: BodyContext) => void;
}

/**
 * One adapter per OpenAPI action. Every adapter shares the same `finish`, which runs once per builder however many
 * adapters the loader calls it on, and assembles the resources whose pieces come from several responses.
 */
export function defineAdapter(spec: AlibabaAdapterSpec): Adapter {
  const label = actionLabel(spec.action);
  return {
    name: `alibaba ${label}`,
    recognise: (doc: RawDocument) => (isRecord(doc.value) && spec.recognise(doc.value) ? label : undefined),
    load: (doc, builder) => spec.load({ doc, builder, action: spec.action }),
    finish: finishAlibaba,
  };
}

/** True when every key is present at the top of the body. */
export function hasKeys(body: Record<string, unknown>, ...keys: string[]): boolean {
  return keys.every((key) => Object.hasOwn(body, key));
}

/**
 * `Instances` is also the wrapper of other products' DescribeInstances (Redis: `Instances.KVStoreInstance`); the ECS
 * body wraps `Instance`. An empty or malformed wrapper is still taken as ECS, so that its problem is reported.
 */
export function isEcsInstancesBody(wrapper: unknown): boolean {
  if (typeof wrapper !== 'object' || wrapper === null || Array.isArray(wrapper)) return true;
  const keys = Object.keys(wrapper);
  return keys.length === 0 || keys.includes('Instance');
}
