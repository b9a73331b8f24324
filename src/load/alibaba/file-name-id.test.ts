import { describe, expect, it } from 'vitest';
import { idFromFileName, LOAD_BALANCER_ID_PATTERN, RDS_ID_PATTERN } from './file-name-id.js';

describe('idFromFileName', () => {
  it('finds an RDS id anywhere in the base name', () => {
    expect(idFromFileName('rds/DescribeDBInstanceIPArrayList.rm-bp1abc123.json', RDS_ID_PATTERN)).toBe(
      'rm-bp1abc123',
    );
    expect(idFromFileName('whitelist-pgm-bp9xyz.json', RDS_ID_PATTERN)).toBe('pgm-bp9xyz');
    expect(idFromFileName('pc-2ze1abc_netinfo.json', RDS_ID_PATTERN)).toBe('pc-2ze1abc');
  });
  it('ignores folder names and ids glued to other words', () => {
    expect(idFromFileName('rm-bp1folder/DescribeDBInstanceIPArrayList.json', RDS_ID_PATTERN)).toBeUndefined();
    expect(idFromFileName('form-abc.json', RDS_ID_PATTERN)).toBeUndefined();
  });
  it('finds a load balancer id', () => {
    expect(
      idFromFileName(
        'DescribeLoadBalancerTCPListenerAttribute.lb-bp1o94dp.80.json',
        LOAD_BALANCER_ID_PATTERN,
      ),
    ).toBe('lb-bp1o94dp');
    expect(idFromFileName('listener-80.json', LOAD_BALANCER_ID_PATTERN)).toBeUndefined();
  });
});
