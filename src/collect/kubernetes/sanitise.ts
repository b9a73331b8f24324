/**
 * What collect removes from Kubernetes objects before writing them, always: values that may hold credentials and
 * that no reachability question needs. With `--redact` it also hashes names and label values (redact.ts).
 */
import { keepsData } from '../../load/kubernetes/config-map.js';
import { isInfrastructureLabel, type Redactor } from '../redact.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Annotations that commonly carry credentials or whole manifests (which may embed them). */
export function isSensitiveAnnotation(key: string): boolean {
  if (key === 'kubectl.kubernetes.io/last-applied-configuration') return true;
  const name = key.slice(key.indexOf('/') + 1);
  return /secret|token|password|passwd|credential|api[-_.]?key|private[-_.]?key|auth|kubeconfig|cert/i.test(
    name,
  );
}

/**
 * Annotation prefixes the loader and engine read: Terway pod EIP and networking, the RDS webhook injector
 * (`ack.aliyun.com/rds_id`), CCM load balancer settings.
 */
function isNetworkAnnotation(key: string): boolean {
  return (
    key.startsWith('k8s.aliyun.com/') ||
    key.startsWith('ack.aliyun.com/') ||
    key.startsWith('alibabacloud.com/') ||
    key.startsWith('network.alibabacloud.com/') ||
    key.startsWith('service.beta.kubernetes.io/') ||
    key.startsWith('service.kubernetes.io/')
  );
}

function cleanMetadata(meta: unknown, redactor: Redactor, redacting: boolean, keepNames: boolean): void {
  if (!isObject(meta)) return;
  delete meta.managedFields;
  if (isObject(meta.annotations)) {
    const kept: Json = {};
    for (const [key, value] of Object.entries(meta.annotations)) {
      if (isSensitiveAnnotation(key)) continue;
      if (redacting && !isNetworkAnnotation(key)) continue;
      kept[key] = value;
    }
    meta.annotations = kept;
  }
  if (!redacting) return;
  if (!keepNames) {
    if (typeof meta.name === 'string') meta.name = redactor.name(meta.name);
    if (typeof meta.generateName === 'string') meta.generateName = `${redactor.name(meta.generateName)}-`;
  }
  if (typeof meta.namespace === 'string') meta.namespace = redactor.name(meta.namespace);
  if (isObject(meta.labels)) meta.labels = redactLabels(meta.labels, redactor);
  if (Array.isArray(meta.ownerReferences))
    for (const ref of meta.ownerReferences)
      if (isObject(ref) && typeof ref.name === 'string') ref.name = redactor.name(ref.name);
}

function redactLabels(labels: Json, redactor: Redactor): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(labels))
    out[key] = typeof value === 'string' && !isInfrastructureLabel(key) ? redactor.name(value) : value;
  return out;
}

/** A LabelSelector (`matchLabels`, `matchExpressions`) with its values redacted. */
function redactSelector(selector: unknown, redactor: Redactor): void {
  if (!isObject(selector)) return;
  if (isObject(selector.matchLabels)) selector.matchLabels = redactLabels(selector.matchLabels, redactor);
  if (Array.isArray(selector.matchExpressions))
    for (const expr of selector.matchExpressions) {
      if (!isObject(expr) || typeof expr.key !== 'string' || isInfrastructureLabel(expr.key)) continue;
      if (Array.isArray(expr.values))
        expr.values = expr.values.map((v) => (typeof v === 'string' ? redactor.name(v) : v));
    }
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** Container commands, arguments, env values and exec hooks may hold secrets; reachability needs none of them. */
function cleanPodSpec(spec: unknown, redactor: Redactor, redacting: boolean): void {
  if (!isObject(spec)) return;
  for (const list of CONTAINER_LISTS) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      if (!isObject(c)) continue;
      delete c.command;
      delete c.args;
      if (Array.isArray(c.env))
        c.env = c.env.map((e) =>
          isObject(e) ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'value')) : e,
        );
      for (const probe of PROBES) if (isObject(c[probe])) delete (c[probe] as Json).exec;
      delete c.lifecycle;
    }
  }
  if (!redacting) return;
  for (const key of ['nodeName', 'serviceAccountName', 'serviceAccount', 'hostname', 'subdomain'] as const)
    if (typeof spec[key] === 'string') spec[key] = redactor.name(spec[key] as string);
}

function cleanTemplate(spec: unknown, redactor: Redactor, redacting: boolean): void {
  if (!isObject(spec)) return;
  if (redacting) redactSelector(spec.selector, redactor);
  if (isObject(spec.template)) {
    cleanMetadata(spec.template.metadata, redactor, redacting, false);
    cleanPodSpec(spec.template.spec, redactor, redacting);
  }
  if (isObject(spec.jobTemplate)) cleanTemplate(spec.jobTemplate.spec, redactor, redacting);
}

function redactPeers(peers: unknown, redactor: Redactor): void {
  if (!Array.isArray(peers)) return;
  for (const peer of peers) {
    if (!isObject(peer)) continue;
    redactSelector(peer.podSelector, redactor);
    redactSelector(peer.namespaceSelector, redactor);
  }
}

export interface SanitiseContext {
  readonly redactor: Redactor;
  readonly redact: boolean;
}

/**
 * Cleans one object in place and returns it, or `undefined` when the object must not be written at all (a ConfigMap
 * that is not one of the network ones the loader reads).
 */
export function sanitiseObject(kind: string, object: Json, ctx: SanitiseContext): Json | undefined {
  const { redactor, redact } = ctx;
  const meta = isObject(object.metadata) ? object.metadata : {};
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  if (kind === 'ConfigMap') {
    const data = isObject(object.data) ? (object.data as Record<string, string>) : {};
    if (!keepsData(namespace, typeof meta.name === 'string' ? meta.name : '', data)) return undefined;
    delete object.binaryData;
  }
  // Nodes and kube-system objects describe the platform, not the user's applications: their names stay.
  // (Namespace names go through the redactor, which keeps the system ones.)
  const keepNames = kind === 'Node' || namespace === 'kube-system';
  cleanMetadata(object.metadata, redactor, redact, keepNames);
  if (kind === 'Node' && isObject(object.status)) delete object.status.images;
  if (kind === 'Pod') cleanPodSpec(object.spec, redactor, redact);
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(kind))
    cleanTemplate(object.spec, redactor, redact);
  if (!redact) return object;
  const spec = isObject(object.spec) ? object.spec : undefined;
  if (kind === 'Service' && spec !== undefined && isObject(spec.selector))
    spec.selector = redactLabels(spec.selector, redactor);
  if (kind === 'NetworkPolicy' && spec !== undefined) {
    redactSelector(spec.podSelector, redactor);
    for (const rule of [
      ...(Array.isArray(spec.ingress) ? spec.ingress : []),
      ...(Array.isArray(spec.egress) ? spec.egress : []),
    ])
      if (isObject(rule)) {
        redactPeers(rule.from, redactor);
        redactPeers(rule.to, redactor);
      }
  }
  if (kind === 'PodNetworking' && spec !== undefined && isObject(spec.selector)) {
    redactSelector(spec.selector.podSelector, redactor);
    redactSelector(spec.selector.namespaceSelector, redactor);
  }
  if (kind === 'EndpointSlice' && Array.isArray(object.endpoints))
    for (const endpoint of object.endpoints) {
      if (!isObject(endpoint)) continue;
      if (typeof endpoint.nodeName === 'string') endpoint.nodeName = redactor.name(endpoint.nodeName);
      const ref = endpoint.targetRef;
      if (isObject(ref)) {
        if (typeof ref.name === 'string') ref.name = redactor.name(ref.name);
        if (typeof ref.namespace === 'string') ref.namespace = redactor.name(ref.namespace);
      }
    }
  return object;
}
