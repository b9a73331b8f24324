import pc from 'picocolors';

export type Palette = ReturnType<typeof pc.createColors>;

/**
 * Whether to colour output, by the usual conventions: `NO_COLOR` (non-empty) turns colour off
 * (https://no-color.org), `FORCE_COLOR` turns it on unless it is `0` or `false`, otherwise colour only on a
 * terminal that is not `TERM=dumb`.
 */
export function colorEnabled(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** picocolors formatters, active or all identity functions. */
export function palette(enabled: boolean): Palette {
  return pc.createColors(enabled);
}
