import { describe, expect, it } from 'vitest';
import type { DnsOverride, Hop, Trace } from '../../model/index.js';
import { check } from '../check.js';
import { WEB_A } from '../test-fixtures/cluster.js';
import { hop, query } from '../test-fixtures/query.js';
import { ACK_COREFILE, type DnsFixtureOptions, dnsSnapshot, dnsTrace } from './test-fixtures/dns-cluster.js';

interface QueryRow {
  name: string;
  type: string;
  outcome: string;
  addresses?: string[];
  cname?: string;
}

function queries(h: Hop): string[] {
  return ((h.details?.queries ?? []) as QueryRow[]).map(
    (q) =>
      `${q.name} ${q.type} ${q.outcome}${q.cname === undefined ? '' : ` ${q.cname}`}${
        q.addresses === undefined ? '' : ` [${q.addresses.join(',')}]`
      }`,
  );
}

function queryTrace(h: Hop): Trace {
  return h.details?.queryTrace as Trace;
}

function path(t: Trace): string[] {
  return t.hops.map((x) => `${x.kind}:${x.result}`);
}

function withOverrides(o: DnsFixtureOptions, to: string, overrides: DnsOverride[]): Trace {
  const result = check(dnsSnapshot(o), { ...query(`shop/${WEB_A}`, to), dnsOverrides: overrides });
  if (!result.ok || !('trace' in result)) throw new Error('expected a trace');
  return result.trace;
}

const WEB_EGRESS = (
  dnsPorts: string,
  dnsPeer = '{matchLabels: {k8s-app: kube-dns}}',
) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: ${dnsPeer}
    ports: ${dnsPorts}
  - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
    ports: [{protocol: TCP, port: 443}, {protocol: TCP, port: 80}]
`;

describe('the queries the pod sends', () => {
  it('an outside name with ndots 5: three search-list NXDOMAINs, then the name answers', () => {
    const dns = hop(dnsTrace({}, 'api.example.com'), 'dns');
    expect(queries(dns)).toEqual([
      'api.example.com.shop.svc.cluster.local. A nxdomain',
      'api.example.com.shop.svc.cluster.local. AAAA nxdomain',
      'api.example.com.svc.cluster.local. A nxdomain',
      'api.example.com.svc.cluster.local. AAAA nxdomain',
      'api.example.com.cluster.local. A nxdomain',
      'api.example.com.cluster.local. AAAA nxdomain',
      'api.example.com. A answer [140.82.112.5]',
      'api.example.com. AAAA answer []',
    ]);
    expect(dns.details?.answer).toEqual({
      name: 'api.example.com.',
      addresses: ['140.82.112.5'],
      cnames: [],
    });
    expect(dns.details?.resolver).toMatchObject({
      nameservers: ['192.168.0.10'],
      searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      ndots: 5,
      options: ['ndots:5'],
    });
  });

  it('a short Service name answers at the first candidate; the rest are not asked', () => {
    const dns = hop(dnsTrace({}, 'api', { port: 80 }), 'dns');
    expect(queries(dns)).toEqual([
      'api.shop.svc.cluster.local. A answer [192.168.10.10]',
      'api.shop.svc.cluster.local. AAAA answer []',
      'api.svc.cluster.local. A not-asked',
      'api.svc.cluster.local. AAAA not-asked',
      'api.cluster.local. A not-asked',
      'api.cluster.local. AAAA not-asked',
      'api. A not-asked',
      'api. AAAA not-asked',
    ]);
    expect(dns.packet.dst).toBe('192.168.10.10');
  });

  it('a trailing dot is asked once, as it is', () => {
    expect(queries(hop(dnsTrace({}, 'api.example.com.'), 'dns'))).toEqual([
      'api.example.com. A answer [140.82.112.5]',
      'api.example.com. AAAA answer []',
    ]);
  });

  it('a name with only AAAA: the A query has no data, the AAAA answer is shown; an IPv4-only pod is then blocked at internet-exit', () => {
    const t = dnsTrace({}, 'v6.example.com.');
    expect(queries(hop(t, 'dns'))).toEqual([
      'v6.example.com. A answer []',
      'v6.example.com. AAAA answer [2606:4700::10]',
    ]);
    expect(t.verdict).toBe('blocked');
    expect(t.blockedAt?.kind).toBe('internet-exit');
  });
});

describe('cluster names', () => {
  const EXTRA = [
    `apiVersion: v1
kind: Service
metadata: {name: github, namespace: shop}
spec: {type: ExternalName, externalName: api.example.com}
`,
    `apiVersion: v1
kind: Service
metadata: {name: api-headless, namespace: shop}
spec: {clusterIP: None, selector: {app: api}, ports: [{name: http, port: 9000, protocol: TCP}]}
`,
    `apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: api-headless-x1, namespace: shop, labels: {kubernetes.io/service-name: api-headless}}
addressType: IPv4
ports: [{name: http, port: 9000, protocol: TCP}]
endpoints:
- {addresses: [10.0.64.12], conditions: {ready: true}, targetRef: {kind: Pod, namespace: shop, name: api-a}}
- {addresses: [10.0.128.7], conditions: {ready: false}, targetRef: {kind: Pod, namespace: shop, name: api-b}}
`,
  ];

  it('ExternalName: a CNAME, then the target resolved outside', () => {
    const dns = hop(dnsTrace({ extra: EXTRA }, 'github'), 'dns');
    expect(queries(dns).slice(0, 2)).toEqual([
      'github.shop.svc.cluster.local. A cname api.example.com. [140.82.112.5]',
      'github.shop.svc.cluster.local. AAAA cname api.example.com. []',
    ]);
    expect(dns.details?.answer).toEqual({
      name: 'github.shop.svc.cluster.local.',
      addresses: ['140.82.112.5'],
      cnames: ['api.example.com'],
    });
  });

  it('headless: the ready endpoint addresses only', () => {
    const dns = hop(dnsTrace({ extra: EXTRA }, 'api-headless', { port: 9000 }), 'dns');
    expect(dns.details?.answer).toMatchObject({ addresses: ['10.0.64.12'] });
    expect(dns.packet.dst).toBe('10.0.64.12');
  });

  it('pods verified: a dashed-IP name answers when a pod of that namespace has the IP', () => {
    const dns = hop(dnsTrace({}, '10-0-128-7.shop.pod.cluster.local', { port: 9000 }), 'dns');
    expect(dns.packet.dst).toBe('10.0.128.7');
    expect(dns.rule?.id).toBe('pod/shop/api-b');
  });

  it('pods verified: the same IP under another namespace does not exist', () => {
    const t = dnsTrace({}, '10-0-128-7.monitoring.pod.cluster.local.', { port: 9000 });
    expect(t.verdict).toBe('unresolved');
  });

  it('pods insecure: any dashed IP answers', () => {
    const corefile = ACK_COREFILE.replace('pods verified', 'pods insecure');
    const dns = hop(dnsTrace({ corefile }, '10-9-9-9.monitoring.pod.cluster.local.', { port: 80 }), 'dns');
    expect(dns.packet.dst).toBe('10.9.9.9');
  });

  it('pods disabled (no pods line): pod names do not exist', () => {
    const corefile = ACK_COREFILE.replace('      pods verified\n', '');
    expect(dnsTrace({ corefile }, '10-0-128-7.shop.pod.cluster.local.', { port: 80 }).verdict).toBe(
      'unresolved',
    );
  });

  it('a namespace that does not exist: NXDOMAIN', () => {
    const t = dnsTrace({}, 'api.nosuch.svc.cluster.local', { port: 80 });
    expect(t.verdict).toBe('unresolved');
    expect(hop(t, 'dns').reason).toContain('NXDOMAIN');
  });

  it('a Service that does not exist in an existing namespace: NXDOMAIN', () => {
    expect(dnsTrace({}, 'nosuch.shop.svc.cluster.local.', { port: 80 }).verdict).toBe('unresolved');
  });
});

describe('dnsPolicy Default', () => {
  it('asks the VPC DNS directly: cluster names do not resolve there', () => {
    const t = dnsTrace({ webASpec: '  dnsPolicy: Default' }, 'api.shop.svc.cluster.local', { port: 80 });
    expect(t.verdict).toBe('unresolved');
    const dns = hop(t, 'dns');
    expect(dns.details?.nameserver).toBe('100.100.2.136');
    expect(path(queryTrace(dns))).toEqual([
      'source:pass',
      'egress-policy:pass',
      'egress-security-group:pass',
      'destination:pass',
    ]);
  });

  it('outside names still resolve through the VPC DNS', () => {
    expect(dnsTrace({ webASpec: '  dnsPolicy: Default' }, 'api.example.com').verdict).toBe('reachable');
  });

  it('dnsPolicy None without nameservers: nothing resolves', () => {
    const t = dnsTrace({ webASpec: '  dnsPolicy: None' }, 'api.example.com');
    expect(t.verdict).toBe('unresolved');
    expect(hop(t, 'dns').reason).toContain('no nameserver');
  });
});

describe('the DNS query’s own path', () => {
  it('traced to a CoreDNS pod through the kube-dns Service, UDP and TCP', () => {
    const dns = hop(dnsTrace({}, 'api.example.com'), 'dns');
    const udp = queryTrace(dns);
    expect(udp.query).toMatchObject({ to: '192.168.0.10', protocol: 'udp', port: 53 });
    expect(path(udp)).toEqual([
      'source:pass',
      'service:rewrite',
      'egress-policy:pass',
      'egress-security-group:pass',
      'ingress-policy:pass',
      'destination:pass',
    ]);
    expect((dns.details as { tcpQueryTrace: Trace }).tcpQueryTrace.verdict).toBe('reachable');
  });

  it('UDP 53 only allowed: resolution works, with the note that TCP fallback would fail', () => {
    const t = dnsTrace({ objects: [WEB_EGRESS('[{protocol: UDP, port: 53}]')] }, 'api.example.com');
    expect(t.verdict).toBe('reachable');
    expect((hop(t, 'dns').details as { tcpQueryTrace: Trace }).tcpQueryTrace.verdict).toBe('blocked');
    expect(t.assumptions.map((a) => a.statement).join('\n')).toContain('only UDP 53 reaches 192.168.0.10');
  });

  it('TCP 53 only allowed: the UDP query is dropped, so the name is unresolved, naming the policy and the fix', () => {
    const t = dnsTrace({ objects: [WEB_EGRESS('[{protocol: TCP, port: 53}]')] }, 'api.example.com');
    expect(t.verdict).toBe('unresolved');
    expect(t.blockedAt?.kind).toBe('dns');
    const dns = hop(t, 'dns');
    expect(dns.result).toBe('drop');
    expect(dns.rule?.id).toBe('networkpolicy/shop/web-egress');
    expect(dns.reason).toContain(
      'allow egress UDP and TCP 53 to pods k8s-app=kube-dns in namespace kube-system',
    );
    expect(queryTrace(dns).blockedAt?.kind).toBe('egress-policy');
    // The first candidate times out on every nameserver; the resolver gives up (glibc TRY_AGAIN).
    expect(queries(dns).slice(0, 3)).toEqual([
      'api.example.com.shop.svc.cluster.local. A unknown',
      'api.example.com.shop.svc.cluster.local. AAAA unknown',
      'api.example.com.svc.cluster.local. A not-asked',
    ]);
    expect(dns.details?.answer).toBeNull();
    expect(dns.details?.answerIfReached).toMatchObject({ addresses: ['140.82.112.5'] });
  });

  it('53 allowed, but to the wrong pods: unresolved', () => {
    const t = dnsTrace(
      {
        objects: [
          WEB_EGRESS('[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]', '{matchLabels: {app: dns}}'),
        ],
      },
      'api.example.com',
    );
    expect(t.verdict).toBe('unresolved');
    expect(hop(t, 'dns').rule?.id).toBe('networkpolicy/shop/web-egress');
  });

  it('an ingress policy on the CoreDNS pods that drops the client: unresolved at the CoreDNS side', () => {
    const deny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: coredns-only-monitoring, namespace: kube-system}
spec:
  podSelector: {matchLabels: {k8s-app: kube-dns}}
  policyTypes: [Ingress]
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}]}]
`;
    const t = dnsTrace({ objects: [deny] }, 'api.example.com');
    expect(t.verdict).toBe('unresolved');
    expect(queryTrace(hop(t, 'dns')).blockedAt?.kind).toBe('ingress-policy');
    expect(hop(t, 'dns').rule?.id).toBe('networkpolicy/kube-system/coredns-only-monitoring');
  });

  it('a security group Drop on UDP 53: unresolved, naming the group rule', () => {
    const t = dnsTrace(
      {
        sgRules: {
          'sg-pod': [
            {
              id: 'sgr-no-dns',
              direction: 'egress',
              policy: 'Drop',
              priority: 1,
              protocol: 'UDP',
              ports: '53/53',
              cidr: '10.0.128.0/19',
            },
          ],
        },
      },
      'api.example.com',
    );
    expect(t.verdict).toBe('unresolved');
    expect(queryTrace(hop(t, 'dns')).blockedAt?.kind).toBe('egress-security-group');
    expect(hop(t, 'dns').rule?.id).toBe('sgr-no-dns');
  });

  it('kube-dns not in the snapshot: the answer stands, the path is not traced (assumption)', () => {
    const t = dnsTrace({ kubeDns: false }, 'api.example.com');
    expect(t.verdict).toBe('reachable');
    expect(hop(t, 'dns').details?.queryTrace).toBeNull();
    expect(t.assumptions.map((a) => a.statement).join('\n')).toContain('kube-dns Service');
  });
});

describe('NodeLocal DNSCache', () => {
  const INJECTED = { shopLabels: { 'node-local-dns-injection': 'enabled' }, nodeLocalDaemonSet: true };
  const HOST_STACK =
    '{"cniVersion":"0.4.0","name":"terway","type":"terway","eniip_virtual_type":"datapathv2","host_stack_cidrs":["169.254.20.10/32"]}';

  it('DataPathV2 with host_stack_cidrs: the query goes to 169.254.20.10 on the node, no security group', () => {
    const dns = hop(dnsTrace({ ...INJECTED, terwayConf: HOST_STACK }, 'api.example.com'), 'dns');
    expect(dns.details?.nameserver).toBe('169.254.20.10');
    expect(path(queryTrace(dns))).toEqual([
      'source:pass',
      'egress-policy:pass',
      'egress-security-group:skip',
      'route:pass',
      'destination:pass',
    ]);
    expect(queries(dns)).toContain('api.example.com. A answer [140.82.112.5]');
  });

  it('DataPathV2 without host_stack_cidrs: 169.254.20.10 is not reached; the resolver falls back to kube-dns after the timeout', () => {
    const t = dnsTrace(INJECTED, 'api.example.com');
    expect(t.verdict).toBe('reachable');
    const dns = hop(t, 'dns');
    expect(dns.details?.nameserver).toBe('192.168.0.10');
    expect(dns.details?.nameserverAttempts).toEqual([
      { nameserver: '169.254.20.10', kind: 'node-local', udp: 'blocked', tcp: 'blocked' },
      { nameserver: '192.168.0.10', kind: 'cluster', udp: 'reachable', tcp: 'reachable' },
    ]);
    expect(t.assumptions.map((a) => a.statement).join('\n')).toContain('host_stack_cidrs');
  });

  it('a wider host_stack_cidrs entry (169.254.0.0/16) covers 169.254.20.10 too', () => {
    const wide =
      '{"cniVersion":"0.4.0","name":"terway","type":"terway","eniip_virtual_type":"datapathv2","host_stack_cidrs":["169.254.0.0/16"]}';
    const dns = hop(dnsTrace({ ...INJECTED, terwayConf: wide }, 'api.example.com'), 'dns');
    expect(dns.details?.nameserver).toBe('169.254.20.10');
    expect(path(queryTrace(dns))).toContain('route:pass');
  });

  it('a 10-terway.conf that is not JSON (DataPathV2 known otherwise): the host-stack step is unknown, not a drop', () => {
    const snapshot = dnsSnapshot({ ...INJECTED, terwayConf: HOST_STACK });
    const configMaps = snapshot.kubernetes.configMaps.map((cm) =>
      cm.namespace === 'kube-system' && cm.name === 'eni-config'
        ? { ...cm, data: { ...cm.data, '10-terway.conf': '{"host_stack_cidrs": [' } }
        : cm,
    );
    const broken = { ...snapshot, kubernetes: { ...snapshot.kubernetes, configMaps } };
    const result = check(broken, query(`shop/${WEB_A}`, 'api.example.com'));
    if (!result.ok || !('trace' in result)) throw new Error('expected a trace');
    const dns = hop(result.trace, 'dns');
    const attempts = (dns.details?.nameserverAttempts ?? []) as { nameserver: string; udp: string }[];
    const attempt = attempts[0];
    expect(attempt?.nameserver).toBe('169.254.20.10');
    expect(attempt?.udp).toBe('unknown');
  });

  it('a policy allowing only the CoreDNS pods: 169.254.20.10 dropped, and the fix names 169.254.20.10/32', () => {
    const t = dnsTrace(
      {
        ...INJECTED,
        terwayConf: HOST_STACK,
        objects: [WEB_EGRESS('[{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]')],
      },
      'api.example.com',
    );
    expect(t.verdict).toBe('reachable');
    expect(t.assumptions.map((a) => a.statement).join('\n')).toContain('ipBlock 169.254.20.10/32');
  });
});

describe('answers from the Corefile', () => {
  it('a stub domain forwarded elsewhere: unknown, naming the upstream that would be asked', () => {
    const corefile = `corp.example:53 {\n    forward . 10.0.0.2\n}\n${ACK_COREFILE}`;
    const t = dnsTrace({ corefile }, 'db.corp.example.');
    expect(t.verdict).toBe('unknown');
    expect(hop(t, 'dns').reason).toContain('10.0.0.2 (Corefile forward ., line 2) would be asked');
    expect(t.missing[0]?.collect).toContain('--resolve db.corp.example=ADDR');
  });

  it('hosts: inline entries answer; other names fall through', () => {
    const corefile = ACK_COREFILE.replace(
      '    prometheus',
      '    hosts {\n      10.0.8.99 legacy.corp.example\n      fallthrough\n    }\n    prometheus',
    );
    expect(hop(dnsTrace({ corefile }, 'legacy.corp.example.'), 'dns').packet.dst).toBe('10.0.8.99');
    expect(hop(dnsTrace({ corefile }, 'api.example.com.'), 'dns').packet.dst).toBe('140.82.112.5');
  });

  it('hosts: a file from the coredns ConfigMap answers', () => {
    const corefile = ACK_COREFILE.replace(
      '    prometheus',
      '    hosts /etc/coredns/customhosts {\n      fallthrough\n    }\n    prometheus',
    );
    const t = dnsTrace(
      { corefile, corefileFiles: { customhosts: '10.0.8.98 files.corp.example\n' } },
      'files.corp.example.',
    );
    expect(hop(t, 'dns').packet.dst).toBe('10.0.8.98');
  });

  it('hosts without fallthrough: names in its zone that it lacks are NXDOMAIN', () => {
    const corefile = ACK_COREFILE.replace(
      '    prometheus',
      '    hosts {\n      10.0.8.99 legacy.corp.example\n    }\n    prometheus',
    );
    expect(dnsTrace({ corefile }, 'api.example.com.').verdict).toBe('unresolved');
  });

  it('rewrite name: an outside name rewritten to a cluster Service', () => {
    const corefile = ACK_COREFILE.replace(
      '    ready',
      '    ready\n    rewrite name api.legacy.example api.shop.svc.cluster.local',
    );
    const t = dnsTrace({ corefile }, 'api.legacy.example.', { port: 80 });
    expect(hop(t, 'dns').packet.dst).toBe('192.168.10.10');
    expect(t.assumptions.map((a) => a.statement).join('\n')).toContain(
      'turns api.legacy.example into api.shop.svc.cluster.local',
    );
  });

  it('template: a literal A answer', () => {
    const corefile = ACK_COREFILE.replace(
      '    ready',
      '    ready\n    template IN A tpl.example {\n      answer "{{ .Name }} 60 IN A 10.7.7.7"\n    }',
    );
    expect(hop(dnsTrace({ corefile }, 'x.tpl.example.'), 'dns').packet.dst).toBe('10.7.7.7');
  });

  it('plugins not modelled are listed as assumptions', () => {
    const corefile = ACK_COREFILE.replace('    ready', '    ready\n    autopath @kubernetes');
    const t = dnsTrace({ corefile }, 'api.example.com.');
    expect(t.assumptions.map((a) => a.statement)).toContain(
      'Corefile plugin autopath (line 7) is not modelled',
    );
  });

  it('a Corefile that does not parse: the ACK default is assumed, naming the line', () => {
    const t = dnsTrace({ corefile: '.:53 {\n    errors\n' }, 'api.example.com.');
    expect(t.verdict).toBe('reachable');
    expect(t.assumptions.map((a) => a.statement).join('\n')).toContain('does not parse (line 1');
  });
});

describe('declared and live answers', () => {
  it('--resolve answers a name nothing else knows', () => {
    const t = withOverrides({}, 'nowhere.example.org', [
      { name: 'nowhere.example.org', addresses: ['140.82.112.9'], source: 'resolve' },
    ]);
    const dns = hop(t, 'dns');
    expect(dns.packet.dst).toBe('140.82.112.9');
    expect(dns.rule?.id).toBe('--resolve nowhere.example.org');
  });

  it('--resolve wins over world.yaml', () => {
    const t = withOverrides({}, 'api.example.com', [
      { name: 'api.example.com', addresses: ['140.82.112.77'], source: 'resolve' },
    ]);
    expect(hop(t, 'dns').packet.dst).toBe('140.82.112.77');
  });

  it('a live answer is marked live', () => {
    const t = withOverrides({}, 'nowhere.example.org', [
      { name: 'nowhere.example.org', addresses: ['140.82.112.9'], source: 'live' },
    ]);
    const dns = hop(t, 'dns');
    expect(dns.reason.startsWith('LIVE DNS: ')).toBe(true);
    expect(dns.details?.answer).toMatchObject({ live: true });
    expect(t.assumptions.map((a) => a.statement).join('\n')).toContain('LIVE');
  });

  it('a live NXDOMAIN makes the name unresolved', () => {
    const t = withOverrides({}, 'nowhere.example.org', [
      { name: 'nowhere.example.org', addresses: [], nxdomain: true, source: 'live' },
    ]);
    expect(t.verdict).toBe('unresolved');
  });
});
