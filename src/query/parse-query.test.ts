import { describe, expect, it } from 'vitest';
import { parseDestination, parseQuery, parseSource } from './parse-query.js';

function error(result: { ok: boolean; error?: string }): string | undefined {
  return result.ok ? undefined : result.error;
}

describe('parseSource (FROM)', () => {
  it('reads NAMESPACE/POD as a pod', () => {
    expect(parseSource('shop/web-7c9d-abcde')).toEqual({
      ok: true,
      value: { kind: 'pod', namespace: 'shop', name: 'web-7c9d-abcde' },
    });
  });

  it('reads each workload kind, and kubectl short names', () => {
    for (const [kind, expected] of [
      ['deployment', 'deployment'],
      ['deploy', 'deployment'],
      ['Deployment', 'deployment'],
      ['statefulset', 'statefulset'],
      ['sts', 'statefulset'],
      ['daemonset', 'daemonset'],
      ['ds', 'daemonset'],
      ['job', 'job'],
    ] as const) {
      expect(parseSource(`shop/${kind}/web`)).toEqual({
        ok: true,
        value: { kind: 'workload', namespace: 'shop', workloadKind: expected, name: 'web' },
      });
    }
  });

  it('reads an IPv4 or IPv6 address, IPv6 in canonical form', () => {
    expect(parseSource('10.8.1.5')).toEqual({ ok: true, value: { kind: 'address', address: '10.8.1.5' } });
    expect(parseSource('2001:DB8:0::5')).toEqual({
      ok: true,
      value: { kind: 'address', address: '2001:db8::5' },
    });
  });

  it('refuses a bare name, asking for the namespace', () => {
    expect(error(parseSource('web'))).toBe(
      'FROM "web" is not a pod (NAMESPACE/POD), a workload (NAMESPACE/deployment|statefulset|daemonset|job/NAME) or an IP address; a pod needs its namespace: NAMESPACE/web',
    );
  });

  it('refuses an unknown workload kind', () => {
    expect(error(parseSource('shop/replicaset/web'))).toBe(
      'FROM "shop/replicaset/web": workload kind "replicaset" is not one of deployment, statefulset, daemonset, job',
    );
  });

  it('refuses a Service as a source', () => {
    expect(error(parseSource('svc/shop/web'))).toBe(
      'FROM "svc/shop/web": a Service cannot be a source; trace from one of its pods (NAMESPACE/POD) or its workload (NAMESPACE/deployment/NAME)',
    );
  });

  it('refuses an invalid namespace and an invalid pod name', () => {
    expect(error(parseSource('Shop/web'))).toBe(
      'FROM "Shop/web": namespace "Shop" is not a valid Kubernetes namespace name (lower-case letters, digits and "-", at most 63 characters)',
    );
    expect(error(parseSource('shop/web_1'))).toBe(
      'FROM "shop/web_1": pod name "web_1" is not a valid Kubernetes name (lower-case letters, digits, "-" and ".", at most 253 characters)',
    );
    expect(error(parseSource('shop/'))).toBe(
      'FROM "shop/": pod name "" is not a valid Kubernetes name (lower-case letters, digits, "-" and ".", at most 253 characters)',
    );
  });

  it('refuses an invalid address', () => {
    expect(error(parseSource('10.0.0.300'))).toBe('FROM "10.0.0.300" is not a valid IP address');
  });

  it('refuses too many parts and an empty FROM', () => {
    expect(error(parseSource('a/b/c/d'))).toBe(
      'FROM "a/b/c/d" is not a pod (NAMESPACE/POD), a workload (NAMESPACE/deployment|statefulset|daemonset|job/NAME) or an IP address',
    );
    expect(error(parseSource(''))).toBe(
      'FROM is empty; give a pod (NAMESPACE/POD), a workload (NAMESPACE/deployment|statefulset|daemonset|job/NAME) or an IP address',
    );
  });
});

describe('parseDestination (TO)', () => {
  it('reads addresses, bracketed IPv6 too', () => {
    expect(parseDestination('140.82.112.5')).toEqual({
      ok: true,
      value: { kind: 'address', address: '140.82.112.5' },
    });
    expect(parseDestination('[2001:db8::10]')).toEqual({
      ok: true,
      value: { kind: 'address', address: '2001:db8::10' },
    });
    expect(parseDestination('2001:0db8::0010')).toEqual({
      ok: true,
      value: { kind: 'address', address: '2001:db8::10' },
    });
  });

  it('reads host names, lower-cased and without the trailing dot', () => {
    expect(parseDestination('API.GitHub.com.')).toEqual({
      ok: true,
      value: { kind: 'name', name: 'api.github.com' },
    });
    expect(parseDestination('redis')).toEqual({ ok: true, value: { kind: 'name', name: 'redis' } });
    expect(parseDestination('rm-bp1orders.mysql.rds.aliyuncs.com')).toEqual({
      ok: true,
      value: { kind: 'name', name: 'rm-bp1orders.mysql.rds.aliyuncs.com' },
    });
  });

  it('reads svc/NAMESPACE/NAME (and service/) as a Service', () => {
    expect(parseDestination('svc/shop/cart')).toEqual({
      ok: true,
      value: { kind: 'service', namespace: 'shop', name: 'cart' },
    });
    expect(parseDestination('service/shop/cart')).toEqual({
      ok: true,
      value: { kind: 'service', namespace: 'shop', name: 'cart' },
    });
  });

  it('reads NAMESPACE/POD as a pod', () => {
    expect(parseDestination('shop/cart-0')).toEqual({
      ok: true,
      value: { kind: 'pod', namespace: 'shop', name: 'cart-0' },
    });
  });

  it('reads ECS, RDS and SLB ids as cloud resources', () => {
    for (const id of ['i-bp1instance', 'rm-bp1orders', 'lb-bp1ingress', 'RM-BP1ORDERS']) {
      expect(parseDestination(id)).toEqual({
        ok: true,
        value: { kind: 'cloud-resource', id: id.toLowerCase() },
      });
    }
  });

  it('refuses ids of resources that are not destinations', () => {
    expect(error(parseDestination('sg-bp1abcdefgh'))).toBe(
      'TO "sg-bp1abcdefgh" looks like the id of a security group; a destination is an IP address, a host name, a Service (svc/NAMESPACE/NAME), a pod (NAMESPACE/POD) or a cloud resource id (i-…, rm-…, lb-…)',
    );
    expect(error(parseDestination('r-bp1redis0001'))).toBe(
      'TO "r-bp1redis0001" looks like the id of a Redis instance, not supported yet; a destination is an IP address, a host name, a Service (svc/NAMESPACE/NAME), a pod (NAMESPACE/POD) or a cloud resource id (i-…, rm-…, lb-…)',
    );
  });

  it('refuses a URL and HOST:PORT, pointing at --port', () => {
    expect(error(parseDestination('https://api.github.com/repos'))).toBe(
      'TO "https://api.github.com/repos" is a URL; give the host name (api.github.com) and the port with --port',
    );
    expect(error(parseDestination('api.github.com:443'))).toBe(
      'TO "api.github.com:443" looks like HOST:PORT; give the host alone and the port with --port 443',
    );
    expect(error(parseDestination('10.0.0.1:80'))).toBe(
      'TO "10.0.0.1:80" looks like HOST:PORT; give the host alone and the port with --port 80',
    );
    expect(error(parseDestination('[2001:db8::1]:443'))).toBe(
      'TO "[2001:db8::1]:443" looks like ADDRESS:PORT; give the address alone and the port with --port 443',
    );
  });

  it('refuses a malformed Service, a workload, a bad address and a bad name', () => {
    expect(error(parseDestination('svc/cart'))).toBe(
      'TO "svc/cart": a Service is written svc/NAMESPACE/NAME',
    );
    expect(error(parseDestination('shop/deployment/cart'))).toBe(
      'TO "shop/deployment/cart": a workload cannot be a destination; give its Service (svc/NAMESPACE/NAME) or one of its pods (NAMESPACE/POD)',
    );
    expect(error(parseDestination('300.1.1.1'))).toBe('TO "300.1.1.1" is not a valid IP address');
    expect(error(parseDestination('[nope]'))).toBe('TO "[nope]" is not a valid IP address');
    expect(error(parseDestination('bad..name'))).toBe(
      'TO "bad..name" is not an IP address, a host name, a Service (svc/NAMESPACE/NAME), a pod (NAMESPACE/POD) or a cloud resource id (i-…, rm-…, lb-…)',
    );
    expect(error(parseDestination('a/b/c'))).toBe(
      'TO "a/b/c" is not an IP address, a host name, a Service (svc/NAMESPACE/NAME), a pod (NAMESPACE/POD) or a cloud resource id (i-…, rm-…, lb-…)',
    );
  });
});

describe('parseQuery', () => {
  it('builds a query with tcp by default', () => {
    expect(parseQuery({ from: 'shop/web-1', to: 'api.github.com', port: '443' })).toEqual({
      ok: true,
      value: {
        from: { kind: 'pod', namespace: 'shop', name: 'web-1' },
        to: { kind: 'name', name: 'api.github.com' },
        protocol: 'tcp',
        port: 443,
      },
    });
  });

  it('keeps an explicit family and protocol', () => {
    expect(
      parseQuery({ from: 'shop/web-1', to: 'dns.example.com', port: 53, protocol: 'UDP', family: '6' }),
    ).toEqual({
      ok: true,
      value: {
        from: { kind: 'pod', namespace: 'shop', name: 'web-1' },
        to: { kind: 'name', name: 'dns.example.com' },
        protocol: 'udp',
        port: 53,
        family: 6,
      },
    });
  });

  it('lets an RDS destination imply its engine port', () => {
    const result = parseQuery({ from: 'shop/web-1', to: 'rm-bp1orders' });
    expect(result.ok && result.value.port).toBe(null);
  });

  it('takes icmp without a port', () => {
    const result = parseQuery({ from: 'shop/web-1', to: '10.0.0.1', protocol: 'icmp' });
    expect(result).toEqual({
      ok: true,
      value: {
        from: { kind: 'pod', namespace: 'shop', name: 'web-1' },
        to: { kind: 'address', address: '10.0.0.1' },
        protocol: 'icmp',
        port: null,
      },
    });
  });

  it('requires a port for tcp, udp and sctp, even for an ECS or SLB destination', () => {
    expect(error(parseQuery({ from: 'shop/web-1', to: 'api.github.com' }))).toBe(
      '--port is required for tcp: the destination port, e.g. --port 443',
    );
    expect(error(parseQuery({ from: 'shop/web-1', to: 'i-bp1instance', protocol: 'sctp' }))).toBe(
      '--port is required for sctp: the destination port, e.g. --port 443',
    );
    expect(error(parseQuery({ from: 'shop/web-1', to: 'lb-bp1ingress', protocol: 'udp' }))).toBe(
      '--port is required for udp: the destination port, e.g. --port 443',
    );
  });

  it('refuses a port with icmp', () => {
    expect(error(parseQuery({ from: 'shop/web-1', to: '10.0.0.1', protocol: 'icmp', port: '8' }))).toBe(
      '--port does not apply to icmp; leave it out',
    );
  });

  it('refuses ports outside 1-65535 and non-numbers', () => {
    for (const port of ['0', '65536', 'https', '-1', '4.5', 80.5]) {
      expect(error(parseQuery({ from: 'shop/web-1', to: '10.0.0.1', port }))).toBe(
        `--port ${JSON.stringify(port)} is not a port number (a whole number from 1 to 65535)`,
      );
    }
  });

  it('refuses an unknown protocol, and points icmpv6 at icmp', () => {
    expect(error(parseQuery({ from: 'shop/web-1', to: '10.0.0.1', port: '80', protocol: 'http' }))).toBe(
      '--protocol "http" is not one of tcp, udp, sctp, icmp',
    );
    expect(error(parseQuery({ from: 'shop/web-1', to: '2001:db8::1', protocol: 'icmpv6' }))).toBe(
      '--protocol "icmpv6": write icmp (it covers ICMPv6 for IPv6 packets)',
    );
  });

  it('refuses a family other than 4 or 6', () => {
    expect(error(parseQuery({ from: 'shop/web-1', to: 'a.example', port: '80', family: '5' }))).toBe(
      '--family "5" must be 4 or 6',
    );
  });

  it('refuses a family that contradicts an address', () => {
    expect(error(parseQuery({ from: 'shop/web-1', to: '10.0.0.1', port: '80', family: '6' }))).toBe(
      '--family 6 contradicts TO 10.0.0.1, an IPv4 address',
    );
    expect(error(parseQuery({ from: '2001:db8::5', to: 'a.example', port: '80', family: '4' }))).toBe(
      '--family 4 contradicts FROM 2001:db8::5, an IPv6 address',
    );
    expect(error(parseQuery({ from: '10.0.0.5', to: '2001:db8::1', port: '80' }))).toBe(
      'FROM 10.0.0.5 is an IPv4 address but TO 2001:db8::1 is IPv6; a packet keeps its family',
    );
  });

  it('requires FROM and TO', () => {
    expect(error(parseQuery({ to: '10.0.0.1', port: '80' }))).toBe(
      'FROM is missing; give a pod (NAMESPACE/POD), a workload (NAMESPACE/deployment|statefulset|daemonset|job/NAME) or an IP address',
    );
    expect(error(parseQuery({ from: 'shop/web-1', port: '80' }))).toBe(
      'TO is missing; give an IP address, a host name, a Service (svc/NAMESPACE/NAME), a pod (NAMESPACE/POD) or a cloud resource id (i-…, rm-…, lb-…)',
    );
  });

  it('names fields as batch keys in batch style, and refuses non-text FROM/TO', () => {
    expect(error(parseQuery({ from: 'shop/web-1', to: 'a.example' }, 'batch'))).toBe(
      '"port" is required for tcp: the destination port, e.g. port: 443',
    );
    expect(error(parseQuery({ from: 42, to: 'a.example', port: 80 }, 'batch'))).toBe(
      '"from" must be text: a pod (NAMESPACE/POD), a workload (NAMESPACE/deployment|statefulset|daemonset|job/NAME) or an IP address',
    );
    expect(error(parseQuery({ from: 'shop/web-1', to: 'a.example:80' }, 'batch'))).toBe(
      '"to" "a.example:80" looks like HOST:PORT; give the host alone and the port with port: 80',
    );
  });
});
