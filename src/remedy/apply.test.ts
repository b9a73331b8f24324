import { describe, expect, it } from 'vitest';
import { fixtureSnapshot } from '../engine/test-fixtures/cluster.js';
import { applyChange, applyChanges } from './apply.js';

const base = fixtureSnapshot({ rdsWhitelist: [{ name: 'default', ips: '10.0.1.0/24' }] });

function applied(change: Parameters<typeof applyChange>[1]) {
  const result = applyChange(base, change);
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

describe('applyChange', () => {
  it('adds an SNAT entry to the gateway owning the table, without touching the input', () => {
    const before = base.cloud.snatEntries.length;
    const s = applied({
      kind: 'add-snat-entry',
      snatTableId: 'stb-1',
      sourceVSwitchId: 'vsw-pod-b',
      snatIps: ['47.98.1.10'],
    });
    expect(s.cloud.snatEntries).toHaveLength(before + 1);
    expect(s.cloud.snatEntries.at(-1)).toMatchObject({
      snatTableId: 'stb-1',
      natGatewayId: 'ngw-1',
      sourceVSwitchId: 'vsw-pod-b',
      snatIps: ['47.98.1.10'],
    });
    expect(base.cloud.snatEntries).toHaveLength(before);
  });

  it('refuses what the snapshot does not hold, as a value', () => {
    expect(applyChange(base, { kind: 'add-snat-entry', snatTableId: 'stb-x', snatIps: ['1.1.1.1'] })).toEqual(
      {
        ok: false,
        error: 'no NAT gateway in the snapshot owns SNAT table stb-x',
      },
    );
    expect(
      applyChange(base, {
        kind: 'remove-security-group-rule',
        securityGroupId: 'sg-pod',
        ruleId: 'sgr-nope',
      }),
    ).toEqual({
      ok: false,
      error: 'security group sg-pod has no rule sgr-nope',
    });
    expect(
      applyChange(base, {
        kind: 'add-route-entry',
        routeTableId: 'vtb-x',
        destinationCidr: '0.0.0.0/0',
        nextHopType: 'NatGateway',
        nextHopId: 'ngw-1',
      }).ok,
    ).toBe(false);
  });

  it('SNAT entries are refused as the NAT API would refuse them: an IP that is not the gateway’s, a second entry for a source', () => {
    expect(
      applyChange(base, {
        kind: 'add-snat-entry',
        snatTableId: 'stb-1',
        sourceVSwitchId: 'vsw-pod-b',
        snatIps: ['47.98.1.10', '47.98.9.9'],
      }),
    ).toEqual({
      ok: false,
      error: '47.98.9.9 is not an EIP of NAT gateway ngw-1 (its EIPs: 47.98.1.10, 47.98.1.11)',
    });
    expect(
      applyChange(base, {
        kind: 'add-snat-entry',
        snatTableId: 'stb-1',
        sourceVSwitchId: 'vsw-pod-a',
        snatIps: ['47.98.1.11'],
      }),
    ).toEqual({
      ok: false,
      error:
        'vsw-pod-a already has SNAT entry snat-pod-a in stb-1 (a vSwitch can be in only one SNAT entry): change its SnatIps instead (modifySnatEntry)',
    });
    expect(
      applyChange(base, { kind: 'modify-snat-entry', snatEntryId: 'snat-pod-a', snatIps: ['8.8.8.8'] }),
    ).toEqual({
      ok: false,
      error: '8.8.8.8 is not an EIP of NAT gateway ngw-1 (its EIPs: 47.98.1.10, 47.98.1.11)',
    });
    expect(
      applyChange(base, { kind: 'modify-snat-entry', snatEntryId: 'snat-pod-a', snatIps: ['47.98.1.11'] }).ok,
    ).toBe(true);
  });

  it('externalTrafficPolicy only on an externally reachable Service, as the API server validates it', () => {
    expect(
      applyChange(base, {
        kind: 'set-external-traffic-policy',
        namespace: 'shop',
        service: 'api',
        policy: 'Local',
      }),
    ).toEqual({
      ok: false,
      error:
        'Service shop/api is ClusterIP without externalIPs: externalTrafficPolicy "may only be set for externally-accessible services"',
    });
    expect(
      applyChange(base, {
        kind: 'set-external-traffic-policy',
        namespace: 'shop',
        service: 'api-lb',
        policy: 'Local',
      }).ok,
    ).toBe(true);
  });

  it('a route entry for the same destination replaces the old one', () => {
    const s = applied({
      kind: 'add-route-entry',
      routeTableId: 'vtb-sys',
      destinationCidr: '0.0.0.0/0',
      nextHopType: 'Instance',
      nextHopId: 'i-a',
    });
    const defaults = s.cloud.routeEntries.filter(
      (e) => e.routeTableId === 'vtb-sys' && e.destinationCidr === '0.0.0.0/0',
    );
    expect(defaults.map((e) => e.nextHops)).toEqual([[{ type: 'Instance', id: 'i-a' }]]);
  });

  it('appends RDS whitelist entries once, and creates a missing group', () => {
    const s = applied({
      kind: 'add-rds-whitelist-entry',
      dbInstanceId: 'rm-orders',
      group: 'default',
      entries: ['10.0.64.11', '10.0.1.0/24'],
    });
    const rds = s.cloud.rdsInstances.find((r) => r.id === 'rm-orders');
    expect(rds?.whitelist?.find((g) => g.name === 'default')?.entries).toEqual(['10.0.1.0/24', '10.0.64.11']);
    const t = applied({
      kind: 'add-rds-whitelist-entry',
      dbInstanceId: 'rm-orders',
      group: 'apps',
      entries: ['10.0.64.0/19'],
    });
    expect(t.cloud.rdsInstances.find((r) => r.id === 'rm-orders')?.whitelist?.map((g) => g.name)).toEqual([
      'default',
      'apps',
    ]);
  });

  it('modifies a security group rule priority in place', () => {
    const withRule = fixtureSnapshot({
      sgRules: {
        'sg-pod': [
          {
            id: 'sgr-d',
            direction: 'egress',
            policy: 'Drop',
            priority: 5,
            protocol: 'TCP',
            ports: '25/25',
            cidr: '0.0.0.0/0',
          },
        ],
      },
    });
    const result = applyChange(withRule, {
      kind: 'modify-security-group-rule',
      securityGroupId: 'sg-pod',
      ruleId: 'sgr-d',
      priority: 100,
    });
    if (!result.ok) throw new Error(result.error);
    const rule = result.snapshot.cloud.securityGroups
      .find((g) => g.id === 'sg-pod')
      ?.rules?.find((r) => r.id === 'sgr-d');
    expect(rule?.priority).toBe(100);
  });

  it('an eni-config edit re-derives the cluster facts', () => {
    const off = fixtureSnapshot({ inClusterLoadBalance: 'false' });
    expect(off.facts.inClusterLoadBalance).toMatchObject({ known: true, value: false });
    const result = applyChange(off, {
      kind: 'set-config-map-data',
      namespace: 'kube-system',
      name: 'eni-config',
      key: 'in_cluster_loadbalance',
      value: 'true',
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.facts.inClusterLoadBalance).toMatchObject({ known: true, value: true });
  });

  it('Kubernetes manifests add new objects and replace those with the same namespace and name', () => {
    const yaml = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  type: ClusterIP
  clusterIP: 192.168.10.10
  clusterIPs: [192.168.10.10]
  selector: {app: api}
  ports: [{port: 81, targetPort: 9000, protocol: TCP}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Egress]}
`;
    const s = applied({ kind: 'kubernetes-manifests', file: 'extra.yaml', yaml });
    const apis = s.kubernetes.services.filter((x) => x.namespace === 'shop' && x.name === 'api');
    expect(apis.map((x) => x.ports.map((p) => p.port))).toEqual([[81]]);
    expect(s.kubernetes.networkPolicies.map((p) => `${p.namespace}/${p.name}`)).toContain('shop/deny');
    expect(
      applyChange(base, { kind: 'kubernetes-manifests', file: 'x.yaml', yaml: 'kind: Nothing\n' }),
    ).toEqual({
      ok: false,
      error: 'x.yaml: no Kubernetes object podreach reads',
    });
  });

  it('a Service port joins the Service and every EndpointSlice of it, as the EndpointSlice controller would', () => {
    const s = applied({
      kind: 'add-service-port',
      namespace: 'shop',
      service: 'api',
      port: { name: 'tcp-8080', protocol: 'tcp', port: 8080, targetPort: 9000 },
    });
    expect(s.kubernetes.services.find((x) => x.name === 'api')?.ports.map((p) => [p.name, p.port])).toEqual([
      ['http', 80],
      ['tcp-8080', 8080],
    ]);
    expect(s.kubernetes.endpointSlices.find((x) => x.name === 'api-x1')?.ports).toEqual([
      { name: 'http', port: 9000, protocol: 'tcp' },
      { name: 'tcp-8080', port: 9000, protocol: 'tcp' },
    ]);
    expect(s.kubernetes.endpointSlices.find((x) => x.name === 'api-lb-x1')?.ports).toHaveLength(1);
  });

  it('a Service port that exists already, or a missing Service, is refused', () => {
    const port = { name: 'tcp-80', protocol: 'tcp', port: 80, targetPort: 9000 } as const;
    expect(applyChange(base, { kind: 'add-service-port', namespace: 'shop', service: 'api', port })).toEqual({
      ok: false,
      error: 'Service shop/api already has port 80/tcp',
    });
    expect(applyChange(base, { kind: 'add-service-port', namespace: 'shop', service: 'nope', port })).toEqual(
      {
        ok: false,
        error: 'Service shop/nope is not in the snapshot',
      },
    );
  });

  it('a Service port the API server would reject is refused, not proven (Service validation and nodePort allocation)', () => {
    const add = (service: string, port: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      applyChange(base, {
        kind: 'add-service-port',
        namespace: 'shop',
        service,
        port: { name: 'tcp-8080', protocol: 'tcp', port: 8080, targetPort: 9000, ...port },
        ...extra,
      } as Parameters<typeof applyChange>[1]);
    expect(add('api', { nodePort: 31090 })).toEqual({
      ok: false,
      error: 'Service shop/api is ClusterIP: a nodePort is only for NodePort and LoadBalancer Services',
    });
    expect(add('api-lb', {})).toEqual({
      ok: false,
      error:
        'Service shop/api-lb is LoadBalancer: give the nodePort (the API server would allocate one podreach cannot know)',
    });
    expect(add('api-lb', { nodePort: 31080 })).toEqual({
      ok: false,
      error: 'nodePort 31080 is already allocated (Service shop/api-lb port 80/tcp)',
    });
    expect(add('api', { name: 'http' })).toEqual({
      ok: false,
      error: 'Service shop/api already has a port named http',
    });
  });

  it('a Service with an unnamed port gets a second one only when the first is named too', () => {
    const unnamed = {
      ...base,
      kubernetes: {
        ...base.kubernetes,
        services: base.kubernetes.services.map((svc) =>
          svc.name === 'api' ? { ...svc, ports: svc.ports.map(({ name: _n, ...p }) => p) } : svc,
        ),
      },
    };
    const change = {
      kind: 'add-service-port',
      namespace: 'shop',
      service: 'api',
      port: { name: 'tcp-8080', protocol: 'tcp', port: 8080, targetPort: 9000 },
    } as const;
    expect(applyChange(unnamed, change)).toEqual({
      ok: false,
      error:
        'Service shop/api has an unnamed port: name it (existingPortName), every port of a multi-port Service must have a name',
    });
    expect(applyChange(unnamed, { ...change, existingPortName: 'http' }).ok).toBe(true);
  });

  it('a selector-less Service: its hand-written EndpointSlices are not touched (no controller adds the port)', () => {
    const manual = {
      ...base,
      kubernetes: {
        ...base.kubernetes,
        services: base.kubernetes.services.map((svc) => {
          if (svc.name !== 'api') return svc;
          const { selector: _selector, ...rest } = svc;
          return rest;
        }),
      },
    };
    const result = applyChange(manual, {
      kind: 'add-service-port',
      namespace: 'shop',
      service: 'api',
      port: { name: 'tcp-8080', protocol: 'tcp', port: 8080, targetPort: 9000 },
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.kubernetes.endpointSlices.find((x) => x.name === 'api-x1')?.ports).toEqual([
      { name: 'http', port: 9000, protocol: 'tcp' },
    ]);
  });

  it('a CLB listener is added with no ACL; a duplicate is refused', () => {
    const s = applied({
      kind: 'add-slb-listener',
      loadBalancerId: 'lb-pub',
      protocol: 'tcp',
      port: 8080,
      backendPort: 30000,
    });
    expect(s.cloud.loadBalancers.find((l) => l.id === 'lb-pub')?.listeners?.at(-1)).toMatchObject({
      port: 8080,
      protocol: 'tcp',
      backendPort: 30000,
      aclIds: [],
    });
    expect(
      applyChange(base, {
        kind: 'add-slb-listener',
        loadBalancerId: 'lb-pub',
        protocol: 'tcp',
        port: 80,
        backendPort: 31080,
      }),
    ).toEqual({ ok: false, error: 'lb-pub already has a tcp listener on port 80' });
  });

  it('an SNAT entry gets new SnatIps in place; an unknown entry is refused', () => {
    const s = applied({
      kind: 'modify-snat-entry',
      snatEntryId: 'snat-pod-a',
      snatIps: ['47.98.1.10', '47.98.1.11'],
    });
    expect(s.cloud.snatEntries.find((e) => e.id === 'snat-pod-a')).toMatchObject({
      sourceVSwitchId: 'vsw-pod-a',
      snatIps: ['47.98.1.10', '47.98.1.11'],
    });
    expect(s.cloud.snatEntries).toHaveLength(base.cloud.snatEntries.length);
    expect(
      applyChange(base, { kind: 'modify-snat-entry', snatEntryId: 'snat-x', snatIps: ['1.1.1.1'] }),
    ).toEqual({
      ok: false,
      error: 'SNAT entry snat-x is not in the snapshot',
    });
  });

  it('sets a Service’s internalTrafficPolicy', () => {
    const s = applied({
      kind: 'set-internal-traffic-policy',
      namespace: 'shop',
      service: 'api',
      policy: 'Local',
    });
    expect(s.kubernetes.services.find((x) => x.name === 'api')?.internalTrafficPolicy).toBe('Local');
    expect(base.kubernetes.services.find((x) => x.name === 'api')?.internalTrafficPolicy).toBe('Cluster');
  });

  it('applyChanges stops at the first change that cannot be applied', () => {
    const result = applyChanges(base, [
      { kind: 'add-slb-acl-entry', aclId: 'acl-missing', entries: ['1.1.1.1/32'] },
      { kind: 'add-allow-list-source', allowList: 'partner', sources: ['1.1.1.1/32'] },
    ]);
    expect(result).toEqual({ ok: false, error: 'access control list acl-missing is not in the snapshot' });
  });
});
