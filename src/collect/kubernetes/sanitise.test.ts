import { describe, expect, it } from 'vitest';
import { hashRedactor, identityRedactor } from '../redact.js';
import { isSensitiveAnnotation, sanitiseObject } from './sanitise.js';

const plain = { redactor: identityRedactor, redact: false };

function pod(): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'shop',
      labels: { app: 'web', 'pod-template-hash': '7d9f8b6c5' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration':
          '{"spec":{"containers":[{"env":[{"value":"hunter2"}]}]}}',
        'example.com/db-password': 'hunter2',
        'k8s.aliyun.com/pod-with-eip': 'true',
        'prometheus.io/scrape': 'true',
      },
      managedFields: [{ manager: 'kubectl' }],
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9f8b6c5' }],
    },
    spec: {
      nodeName: 'cn-hangzhou.10.0.1.11',
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          command: ['sh', '-c', 'curl -H "token: abc" x'],
          args: ['--password=hunter2'],
          env: [
            { name: 'DB_PASSWORD', value: 'hunter2' },
            { name: 'FROM', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
          ],
          livenessProbe: { exec: { command: ['check', '--token=abc'] }, periodSeconds: 10 },
          lifecycle: { preStop: { exec: { command: ['x'] } } },
          ports: [{ name: 'http', containerPort: 8080 }],
        },
      ],
    },
    status: { podIP: '10.0.64.11' },
  };
}

describe('sanitiseObject (always)', () => {
  it('strips env values, commands, args, exec probes and hooks, managedFields and credential annotations', () => {
    const out = sanitiseObject('Pod', pod(), plain);
    expect(out).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        labels: { app: 'web', 'pod-template-hash': '7d9f8b6c5' },
        annotations: { 'k8s.aliyun.com/pod-with-eip': 'true', 'prometheus.io/scrape': 'true' },
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9f8b6c5' }],
      },
      spec: {
        nodeName: 'cn-hangzhou.10.0.1.11',
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            env: [
              { name: 'DB_PASSWORD' },
              { name: 'FROM', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
            ],
            livenessProbe: { periodSeconds: 10 },
            ports: [{ name: 'http', containerPort: 8080 }],
          },
        ],
      },
      status: { podIP: '10.0.64.11' },
    });
    expect(JSON.stringify(out)).not.toContain('hunter2');
  });

  it('strips the pod template of workloads too', () => {
    const out = sanitiseObject(
      'Deployment',
      {
        metadata: { name: 'web', namespace: 'shop' },
        spec: {
          template: {
            metadata: {},
            spec: { containers: [{ name: 'web', args: ['--secret=x'], env: [{ name: 'A', value: 'b' }] }] },
          },
        },
      },
      plain,
    );
    expect(out?.spec).toEqual({
      template: { metadata: {}, spec: { containers: [{ name: 'web', env: [{ name: 'A' }] }] } },
    });
  });

  it('keeps the network ConfigMaps of kube-system with their data and drops every other ConfigMap', () => {
    const cm = (namespace: string, name: string) => ({
      metadata: { name, namespace },
      data: { Corefile: '.:53 {}' },
      binaryData: { x: 'AA==' },
    });
    expect(sanitiseObject('ConfigMap', cm('kube-system', 'coredns'), plain)).toEqual({
      metadata: { name: 'coredns', namespace: 'kube-system' },
      data: { Corefile: '.:53 {}' },
    });
    expect(sanitiseObject('ConfigMap', cm('kube-system', 'eni-config-zone-k'), plain)).toBeDefined();
    expect(sanitiseObject('ConfigMap', cm('kube-system', 'kube-proxy-worker'), plain)).toBeDefined();
    expect(sanitiseObject('ConfigMap', cm('kube-system', 'my-app-settings'), plain)).toBeUndefined();
    expect(sanitiseObject('ConfigMap', cm('shop', 'coredns'), plain)).toBeUndefined();
  });

  it('drops the image list of nodes', () => {
    const out = sanitiseObject(
      'Node',
      { metadata: { name: 'n' }, status: { images: [{ names: ['x'] }], addresses: [] } },
      plain,
    );
    expect(out?.status).toEqual({ addresses: [] });
  });
});

describe('isSensitiveAnnotation', () => {
  it('flags last-applied-configuration and credential-looking keys only', () => {
    expect(isSensitiveAnnotation('kubectl.kubernetes.io/last-applied-configuration')).toBe(true);
    expect(isSensitiveAnnotation('vault.example.com/agent-token')).toBe(true);
    expect(isSensitiveAnnotation('example.com/api-key')).toBe(true);
    expect(isSensitiveAnnotation('service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type')).toBe(
      false,
    );
    expect(isSensitiveAnnotation('k8s.aliyun.com/pod-eip-instanceid')).toBe(false);
  });
});

describe('sanitiseObject with --redact', () => {
  const redactor = () => {
    const r = hashRedactor(new Uint8Array(32).fill(3));
    r.keep('kube-system');
    r.keep('cn-hangzhou.10.0.1.11');
    return r;
  };

  it('hashes names, namespaces, owner names and application label values; keeps infrastructure labels, node names and IPs', () => {
    const r = redactor();
    const out = sanitiseObject('Pod', pod(), { redactor: r, redact: true }) as {
      metadata: Record<string, unknown>;
      spec: { nodeName: string };
      status: unknown;
    };
    expect(out.metadata.name).toBe(r.name('web-1'));
    expect(out.metadata.name).not.toBe('web-1');
    expect(out.metadata.namespace).toBe(r.name('shop'));
    expect(out.metadata.labels).toEqual({ app: r.name('web'), 'pod-template-hash': '7d9f8b6c5' });
    expect(out.metadata.ownerReferences).toEqual([{ kind: 'ReplicaSet', name: r.name('web-7d9f8b6c5') }]);
    expect(out.metadata.annotations).toEqual({ 'k8s.aliyun.com/pod-with-eip': 'true' });
    expect(out.spec.nodeName).toBe('cn-hangzhou.10.0.1.11');
    expect(out.status).toEqual({ podIP: '10.0.64.11' });
  });

  it('hashes selector values the same way as the labels they select', () => {
    const r = redactor();
    const policy = sanitiseObject(
      'NetworkPolicy',
      {
        metadata: { name: 'deny', namespace: 'shop' },
        spec: {
          podSelector: { matchLabels: { app: 'web' } },
          egress: [
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
                },
                { ipBlock: { cidr: '10.0.0.0/8' } },
              ],
            },
          ],
        },
      },
      { redactor: r, redact: true },
    );
    expect(policy?.spec).toEqual({
      podSelector: { matchLabels: { app: r.name('web') } },
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: {
                matchExpressions: [{ key: 'app', operator: 'In', values: [r.name('web'), r.name('api')] }],
              },
            },
            { ipBlock: { cidr: '10.0.0.0/8' } },
          ],
        },
      ],
    });
    const service = sanitiseObject(
      'Service',
      {
        metadata: { name: 'web', namespace: 'shop' },
        spec: { selector: { app: 'web' }, clusterIP: '192.168.0.20' },
      },
      { redactor: r, redact: true },
    );
    expect(service?.spec).toEqual({ selector: { app: r.name('web') }, clusterIP: '192.168.0.20' });
  });

  it('leaves kube-system objects and nodes readable', () => {
    const r = redactor();
    const ds = sanitiseObject(
      'DaemonSet',
      { metadata: { name: 'terway-eniip', namespace: 'kube-system' } },
      { redactor: r, redact: true },
    );
    expect(ds?.metadata).toEqual({ name: 'terway-eniip', namespace: 'kube-system' });
  });
});
