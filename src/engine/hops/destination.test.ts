import { describe, expect, it } from 'vitest';
import { WEB_A } from '../test-fixtures/cluster.js';
import { hop, trace } from '../test-fixtures/query.js';

const FROM = `shop/${WEB_A}`;

describe('destination hop', () => {
  it('a pod declaring the port: passes citing the containerPort', () => {
    const destination = hop(trace({}, FROM, 'shop/api-b', { port: 9000 }), 'destination');
    expect(destination.result).toBe('pass');
    expect(destination.rule?.description).toBe('containerPort 9000/tcp');
  });

  it('an undeclared port still passes, with a note', () => {
    const t = trace({}, FROM, 'shop/api-b', { port: 9999 });
    expect(hop(t, 'destination').reason).toContain('not declared by a container (it may still listen)');
    expect(t.verdict).toBe('reachable');
  });
});
