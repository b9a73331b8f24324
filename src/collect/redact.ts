/**
 * `--redact`: names and label values become keyed hashes so that a snapshot can be shared with support. The key is a
 * random salt made for one run and written nowhere, so the same input gives the same hash within a run (selectors
 * still match their pods) and hashes cannot be reversed by guessing names. Addresses, CIDRs and cloud ids are never
 * redacted: the analysis needs them.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface Redactor {
  /** A name or label value: hashed unless kept. */
  name(value: string): string;
  /** Marks values that stay readable (system namespaces, kube-system objects, node names). */
  keep(value: string): void;
}

/** Hashes look like `h3fa9c01b22de`: a valid DNS label and label value, so redacted objects still load. */
export function hashRedactor(salt: Uint8Array = randomBytes(32)): Redactor {
  const kept = new Set<string>();
  const cache = new Map<string, string>();
  return {
    keep: (value) => {
      kept.add(value);
    },
    name: (value) => {
      if (value === '' || kept.has(value)) return value;
      let hashed = cache.get(value);
      if (hashed === undefined) {
        hashed = `h${createHmac('sha256', salt).update(value).digest('hex').slice(0, 12)}`;
        cache.set(value, hashed);
      }
      return hashed;
    },
  };
}

export const identityRedactor: Redactor = { name: (value) => value, keep: () => {} };

/** Namespaces whose names say nothing about the user. */
export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/**
 * Label keys whose values describe infrastructure, not the user's applications: zone, region, instance type, the
 * ACK cluster id, Terway node config, template hashes. Their values are kept.
 */
export function isInfrastructureLabel(key: string): boolean {
  return (
    key.startsWith('topology.kubernetes.io/') ||
    key.startsWith('failure-domain.beta.kubernetes.io/') ||
    key.startsWith('node.kubernetes.io/') ||
    key.startsWith('beta.kubernetes.io/') ||
    key.startsWith('node-role.kubernetes.io/') ||
    key.startsWith('alibabacloud.com/') ||
    key.startsWith('k8s.aliyun.com/') ||
    key === 'kubernetes.io/os' ||
    key === 'kubernetes.io/arch' ||
    key === 'ack.aliyun.com' ||
    key === 'terway-config' ||
    key === 'pod-template-hash' ||
    key === 'controller-revision-hash' ||
    key === 'pod-template-generation'
  );
}
