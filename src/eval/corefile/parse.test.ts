import { describe, expect, it } from 'vitest';
import { parseCorefile } from './parse.js';

describe('parseCorefile', () => {
  it('reads server blocks, directives, arguments and nested blocks with their lines', () => {
    const result = parseCorefile(`# comment
.:53 {
    errors
    kubernetes cluster.local in-addr.arpa {   # trailing comment
      pods verified
    }
    forward . /etc/resolv.conf
}
example.com:53 corp.example {
    forward . 10.0.0.2
}
`);
    expect(result).toEqual({
      ok: true,
      servers: [
        {
          keys: ['.:53'],
          line: 2,
          directives: [
            { name: 'errors', args: [], block: [], line: 3 },
            {
              name: 'kubernetes',
              args: ['cluster.local', 'in-addr.arpa'],
              block: [{ name: 'pods', args: ['verified'], block: [], line: 5 }],
              line: 4,
            },
            { name: 'forward', args: ['.', '/etc/resolv.conf'], block: [], line: 7 },
          ],
        },
        {
          keys: ['example.com:53', 'corp.example'],
          line: 9,
          directives: [{ name: 'forward', args: ['.', '10.0.0.2'], block: [], line: 10 }],
        },
      ],
    });
  });

  it('keeps quoted words whole and splits a brace glued to the key', () => {
    const result = parseCorefile(
      '.:53{\n  template IN A {\n    answer "{{ .Name }} 60 IN A 1.2.3.4"\n  }\n}\n',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.servers[0]?.keys).toEqual(['.:53']);
    expect(result.servers[0]?.directives[0]?.block[0]?.args).toEqual(['{{ .Name }} 60 IN A 1.2.3.4']);
  });

  it('an unclosed block is an error naming the line of its "{"', () => {
    expect(parseCorefile('.:53 {\n  errors\n  hosts {\n    1.2.3.4 a.example\n}\n')).toEqual({
      ok: false,
      error: 'unclosed "{" (missing "}")',
      line: 1,
    });
  });

  it('a stray "}" is an error with its line', () => {
    expect(parseCorefile('.:53 {\n  errors\n}\n}\n')).toEqual({
      ok: false,
      error: 'unexpected "}" where a server block should start',
      line: 4,
    });
  });

  it('an unterminated quote is an error with its line', () => {
    expect(parseCorefile('.:53 {\n  template IN A {\n    answer "oops\n  }\n}\n')).toMatchObject({
      ok: false,
      line: 3,
    });
  });

  it('a server key without a block is an error', () => {
    expect(parseCorefile('.:53\n')).toEqual({ ok: false, error: 'server block .:53 has no "{"', line: 1 });
  });
});
