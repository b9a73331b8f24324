import { describe, expect, it } from 'vitest';
import { fill, IdentityMatcher, identityShape } from './source-identity.js';

// Roles as sourceIdentity lists them: label, ipv4, ipv6, canonical ipv4/ipv6, node, node ipv4/ipv6, canonical node
// ipv4/ipv6, ENI, instance, hostIP, canonical hostIP, IPv6 address id, its bandwidth id, then the pod IPs.
const web1 = [
  'web/api-1',
  '10.0.0.1',
  '',
  '10.0.0.1',
  '',
  'cn-hangzhou.192.168.1.5',
  '192.168.1.5',
  '',
  '192.168.1.5',
  '',
  'eni-aaa',
  'i-aaa',
  '192.168.1.5',
  '192.168.1.5',
  '',
  '',
  '10.0.0.1',
];
const web2 = [
  'web/api-2',
  '10.0.0.2',
  '',
  '10.0.0.2',
  '',
  'cn-hangzhou.192.168.1.6',
  '192.168.1.6',
  '',
  '192.168.1.6',
  '',
  'eni-bbb',
  'i-bbb',
  '192.168.1.6',
  '192.168.1.6',
  '',
  '',
  '10.0.0.2',
];

describe('identity templates', () => {
  const m = new IdentityMatcher(web1);
  const restate = (text: string) => fill(m.template(text), web2);

  it('replaces whole addresses and names, never a prefix of a longer one', () => {
    expect(restate('pod web/api-1 sends from 10.0.0.1 (ENI eni-aaa)')).toBe(
      'pod web/api-2 sends from 10.0.0.2 (ENI eni-bbb)',
    );
    expect(restate('10.0.0.10 and 110.0.0.1 and web/api-10 stay')).toBe(
      '10.0.0.10 and 110.0.0.1 and web/api-10 stay',
    );
    expect(restate('10.0.0.1/32 and 10.0.0.1:8080 and web/api-1:rds')).toBe(
      '10.0.0.2/32 and 10.0.0.2:8080 and web/api-2:rds',
    );
    expect(restate('10.0.0.1.')).toBe('10.0.0.2.');
  });

  it('a node name holding the node IP is replaced as a whole name', () => {
    expect(restate('runs on cn-hangzhou.192.168.1.5 (192.168.1.5)')).toBe(
      'runs on cn-hangzhou.192.168.1.6 (192.168.1.6)',
    );
  });

  it('text without identity is kept as it is', () => {
    expect(m.template('no rule matches')).toEqual(['no rule matches']);
    expect(m.template('')).toEqual(['']);
  });

  it('the shape tells which roles are present and which coincide', () => {
    expect(identityShape(web1)).toBe(identityShape(web2));
    expect(identityShape(web1)).toBe('++-=1-++-=6-++=6=6--=1');
    expect(identityShape(['a', 'b'])).not.toBe(identityShape(['a', 'a']));
  });
});
