/**
 * The cluster's Corefile: `Corefile` of ConfigMap kube-system/coredns; when it is absent or does not parse, the
 * ACK default (alibaba-semantics.md §11, ACK "Configure unmanaged CoreDNS") with an assumption saying so.
 */
import { readCorefile } from '../../eval/corefile/plugins.js';
import type { ConfigMap } from '../../model/index.js';
import type { SnapshotIndex } from '../snapshot-index.js';
import type { CorefileSource } from './answer.js';

export function ackDefaultCorefile(clusterDomain: string): string {
  return `.:53 {
    errors
    health {
       lameduck 15s
    }
    ready
    kubernetes ${clusterDomain} in-addr.arpa ip6.arpa {
      pods verified
      fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    forward . /etc/resolv.conf {
      prefer_udp
    }
    cache 30
    loop
    reload
    loadbalance
}
`;
}

export interface ClusterCorefile {
  readonly source: CorefileSource;
  readonly assumption?: { readonly statement: string; readonly basis: string };
}

/**
 * Parsed once per coredns ConfigMap object and cluster domain (every name query asks for it); without the ConfigMap
 * the answer depends on the domain alone. Both are read-only.
 */
const byConfigMap = new WeakMap<ConfigMap, Map<string, ClusterCorefile>>();
const withoutConfigMap = new Map<string, ClusterCorefile>();

export function clusterCorefile(index: SnapshotIndex, clusterDomain: string): ClusterCorefile {
  const configMap = index.configMap('kube-system', 'coredns');
  let byDomain = configMap === undefined ? withoutConfigMap : byConfigMap.get(configMap);
  if (byDomain === undefined) {
    byDomain = new Map();
    byConfigMap.set(configMap as ConfigMap, byDomain);
  }
  let found = byDomain.get(clusterDomain);
  if (found === undefined) {
    found = readClusterCorefile(configMap, clusterDomain);
    // Domains are few; the bound only keeps a long-running server from growing with odd inputs.
    if (byDomain.size >= 64) byDomain.clear();
    byDomain.set(clusterDomain, found);
  }
  return found;
}

function readClusterCorefile(configMap: ConfigMap | undefined, clusterDomain: string): ClusterCorefile {
  const text = configMap?.data.Corefile;
  const fallback = (statement: string): ClusterCorefile => {
    const parsed = readCorefile(ackDefaultCorefile(clusterDomain));
    if (!parsed.ok) throw new Error('the built-in ACK default Corefile does not parse');
    return {
      source: { corefile: parsed.corefile, files: {} },
      assumption: {
        statement,
        basis:
          'ACK "Configure unmanaged CoreDNS": the default Corefile (kubernetes with pods verified, forward . /etc/resolv.conf)',
      },
    };
  };
  if (configMap === undefined || text === undefined) {
    return fallback(
      'the coredns ConfigMap (kube-system/coredns) is not in the snapshot: the ACK default Corefile is assumed (add: kubectl get configmap -n kube-system coredns -o yaml)',
    );
  }
  const parsed = readCorefile(text);
  const origin = configMap.dataOrigins?.Corefile ?? configMap.origin;
  if (!parsed.ok) {
    return fallback(
      `the Corefile in kube-system/coredns does not parse (line ${parsed.line}: ${parsed.error}): the ACK default Corefile is assumed`,
    );
  }
  return { source: { corefile: parsed.corefile, origin, files: configMap.data } };
}
