/**
 * Some responses do not name the resource they describe (an RDS whitelist, an SLB listener attribute without
 * `LoadBalancerId`); the user names it in the file name instead, e.g. `DescribeDBInstanceIPArrayList.rm-xxxx.json`.
 */

/** RDS MySQL/SQL Server/MariaDB (`rm-`), PostgreSQL (`pgm-`), PolarDB (`pc-`) instance ids. */
export const RDS_ID_PATTERN = /(?:^|[^a-z0-9])((?:rm|pgm|pc)-[a-z0-9]+)/i;

/** CLB (SLB) instance ids. */
export const LOAD_BALANCER_ID_PATTERN = /(?:^|[^a-z0-9])(lb-[a-z0-9]+)/i;

/** The id in the base name of `file` (its folders are ignored), or `undefined`. */
export function idFromFileName(file: string, pattern: RegExp): string | undefined {
  const baseName = file.split(/[\\/]/).pop() ?? file;
  return pattern.exec(baseName)?.[1];
}
