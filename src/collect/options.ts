/** What `podreach collect` was asked to do, after the command line has been parsed and checked. */
import { isProduct, type Product } from './alibaba/products.js';

export interface CollectOptions {
  readonly out: string;
  readonly context?: string;
  readonly kubeconfig?: string;
  readonly region?: string;
  readonly clusterId?: string;
  /** Namespaces to read (kube-system is always added); empty = all namespaces. */
  readonly namespaces: readonly string[];
  /** Endpoint overrides per product (`--endpoint vpc=https://vpc-vpc.cn-hangzhou.aliyuncs.com`). */
  readonly endpoints: Readonly<Partial<Record<Product, EndpointOverride>>>;
  readonly dryRun: boolean;
  readonly redact: boolean;
}

export interface EndpointOverride {
  readonly protocol: 'HTTP' | 'HTTPS';
  /** host[:port], as the OpenAPI runtime takes it. */
  readonly host: string;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** Parses `PRODUCT=URL` (URL: `https://host[:port]`, `http://host[:port]`, or a bare host meaning https). */
export function parseEndpoint(text: string): Parsed<[Product, EndpointOverride]> {
  const eq = text.indexOf('=');
  if (eq < 1)
    return {
      ok: false,
      message: `--endpoint ${text}: expected PRODUCT=URL, e.g. vpc=https://vpc-vpc.cn-hangzhou.aliyuncs.com`,
    };
  const product = text.slice(0, eq).trim().toLowerCase();
  const target = text.slice(eq + 1).trim();
  if (!isProduct(product))
    return {
      ok: false,
      message: `--endpoint ${text}: unknown product "${product}" (one of cs, vpc, ecs, rds, slb)`,
    };
  const withScheme = /^[a-z]+:\/\//i.test(target) ? target : `https://${target}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: `--endpoint ${text}: "${target}" is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: `--endpoint ${text}: only http:// and https:// endpoints are supported` };
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.username !== '')
    return {
      ok: false,
      message: `--endpoint ${text}: give only scheme, host and port (no path, query or user)`,
    };
  return {
    ok: true,
    value: [product, { protocol: url.protocol === 'http:' ? 'HTTP' : 'HTTPS', host: url.host }],
  };
}

export function parseEndpoints(texts: readonly string[]): Parsed<CollectOptions['endpoints']> {
  const endpoints: Partial<Record<Product, EndpointOverride>> = {};
  for (const text of texts) {
    const parsed = parseEndpoint(text);
    if (!parsed.ok) return parsed;
    const [product, endpoint] = parsed.value;
    if (endpoints[product] !== undefined)
      return { ok: false, message: `--endpoint ${product}= is given twice` };
    endpoints[product] = endpoint;
  }
  return { ok: true, value: endpoints };
}

/** Region ids look like `cn-hangzhou`, `ap-southeast-1`, `us-west-1`. */
export function isRegionId(text: string): boolean {
  return /^[a-z]{2,}(-[a-z0-9]+)+$/.test(text);
}

/** Kubernetes namespace names are DNS-1123 labels. */
export function isNamespaceName(text: string): boolean {
  return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(text);
}
