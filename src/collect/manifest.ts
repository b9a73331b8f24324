/**
 * collection.json: what was collected, when, from where, and how each call went. It holds no credentials: only
 * the credential provider's name, the kubeconfig context and API server URL, region, account id and parameters.
 */
import type { CallRecord } from './alibaba/session.js';
import type { KindOutcome } from './kubernetes/collect-kubernetes.js';

export interface Manifest {
  readonly apiVersion: 'podreach/v1';
  readonly kind: 'Collection';
  readonly collectedAt: string;
  readonly podreachVersion: string;
  readonly redacted: boolean;
  readonly kubernetes: {
    readonly context?: string;
    readonly server?: string;
    readonly namespaces: readonly string[] | 'all';
    readonly error?: string;
  };
  readonly alibaba: {
    readonly region?: string;
    readonly clusterId?: string;
    readonly vpcId?: string;
    readonly accountId?: string;
    readonly credentialProvider?: string;
    readonly endpoints: Readonly<Record<string, string>>;
    readonly stopped?: string;
  };
  readonly calls: readonly ManifestCall[];
}

export type ManifestCall =
  | {
      readonly source: 'kubernetes';
      readonly resource: string;
      readonly namespaces: readonly string[] | 'all';
      readonly pages: number;
      readonly objects: number;
      readonly written: number;
      readonly files: readonly string[];
      readonly outcome: KindOutcome['outcome'];
      readonly message?: string;
    }
  | ({ readonly source: 'alibaba' } & Omit<CallRecord, never>);

export function kubernetesCall(
  outcome: KindOutcome,
  written: number,
  files: readonly string[],
): ManifestCall {
  return {
    source: 'kubernetes',
    resource:
      outcome.spec.group === '' ? outcome.spec.resource : `${outcome.spec.resource}.${outcome.spec.group}`,
    namespaces: outcome.namespaces,
    pages: outcome.pages,
    objects: outcome.items.length,
    written,
    files,
    outcome: outcome.outcome,
    ...(outcome.message === undefined ? {} : { message: outcome.message }),
  };
}
