/**
 * The Alibaba Cloud products collect calls, their API versions, styles and default endpoints
 * (shared/reference/ecosystem.md §2: RPC POST for ecs/vpc/rds/slb, ROA GET for cs).
 */
export type Product = 'ecs' | 'vpc' | 'rds' | 'slb' | 'cs';

export const PRODUCTS: readonly Product[] = ['cs', 'vpc', 'ecs', 'rds', 'slb'];

export const API_VERSION: Readonly<Record<Product, string>> = {
  ecs: '2014-05-26',
  vpc: '2016-04-28',
  rds: '2014-08-15',
  slb: '2014-05-15',
  cs: '2015-12-15',
};

/** Public regional endpoints; RDS answers on one central endpoint for most regions. */
export function defaultEndpoint(product: Product, region: string): string {
  if (product === 'rds') return 'rds.aliyuncs.com';
  return `${product}.${region}.aliyuncs.com`;
}

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

/** The RAM action a call needs: the product's RAM namespace and the API name (RAM docs: "actions" per product). */
export function ramAction(product: Product, action: string): string {
  return `${product}:${action}`;
}
