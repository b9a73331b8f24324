import type { ConfigMap, KubernetesObjects } from '../../model/kubernetes.js';
import type { Origin } from '../../model/origin.js';
import type { LoadProblem } from '../problem.js';

export function kubeSystemConfigMap(k8s: KubernetesObjects, name: string): ConfigMap | undefined {
  return k8s.configMaps.find((c) => c.namespace === 'kube-system' && c.name === name);
}

/** Origin of one data key: the ConfigMap's position, with the path narrowed to the key. */
export function dataKeyOrigin(cm: ConfigMap, key: string): Origin {
  const own = cm.dataOrigins?.[key];
  if (own) return own;
  const path = cm.origin.path ? `${cm.origin.path}.data.${key}` : `data.${key}`;
  return { ...cm.origin, path };
}

/** A JSON document held in a ConfigMap data key (eni_conf, 10-terway.conf, net-conf.json). */
export type JsonKey =
  | { readonly state: 'absent' }
  | { readonly state: 'invalid' }
  | { readonly state: 'ok'; readonly value: Readonly<Record<string, unknown>> };

export function jsonKey(cm: ConfigMap | undefined, key: string, problems: LoadProblem[]): JsonKey {
  const text = cm?.data[key];
  if (cm === undefined || text === undefined) return { state: 'absent' };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return { state: 'ok', value: value as Record<string, unknown> };
    }
  } catch {
    // reported below
  }
  const origin = dataKeyOrigin(cm, key);
  problems.push({
    severity: 'warning',
    file: origin.file,
    ...(origin.line === undefined ? {} : { line: origin.line }),
    path: origin.path,
    message: `ConfigMap ${cm.namespace}/${cm.name} key ${key} is not a JSON object; the facts it holds are unknown`,
    expected: 'a JSON object, as Terway and Flannel write it',
    hint: `collect it again: kubectl get configmap -n ${cm.namespace} ${cm.name} -o yaml`,
  });
  return { state: 'invalid' };
}
