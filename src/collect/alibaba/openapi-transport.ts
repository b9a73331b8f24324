/**
 * The real transport: `@alicloud/openapi-core`'s generic `callApi` (signing, endpoints, timeouts) with the
 * `@alicloud/credentials` default chain. Bodies are read as text so that collect writes exactly what the API sent
 * and reports a malformed answer instead of crashing on it. Loaded lazily: only `collect` needs the SDK.
 */
import type { EndpointOverride } from '../options.js';
import { type AttemptResult, type CloudRequest, classifyError, parseBody, type Transport } from './call.js';
import { API_VERSION, defaultEndpoint, type Product } from './products.js';

export interface TransportSettings {
  readonly region: string;
  readonly endpoints: Readonly<Partial<Record<Product, EndpointOverride>>>;
  /** Milliseconds per request, for connecting and for reading the answer. */
  readonly timeoutMs: number;
}

/** The credential the default chain resolves; only its provider name is ever shown. */
export interface CredentialSource {
  readonly providerName: () => Promise<{ ok: true; name: string } | { ok: false; message: string }>;
  readonly credential: unknown;
}

interface CredentialClient {
  getCredential(): Promise<{ providerName?: string }>;
}

export async function defaultCredentialSource(): Promise<CredentialSource> {
  const Credential = pickConstructor<new () => CredentialClient>(await import('@alicloud/credentials'));
  let credential: CredentialClient | undefined;
  let failure: string | undefined;
  try {
    credential = new Credential();
  } catch (error) {
    failure = classifyError(error).message;
  }
  return {
    credential,
    providerName: async () => {
      if (credential === undefined) return { ok: false, message: failure ?? 'no credential' };
      try {
        const model = await withTimeout(credential.getCredential(), 15_000, 'resolving the credential');
        return { ok: true, name: model.providerName ?? 'unknown provider' };
      } catch (error) {
        return { ok: false, message: classifyError(error).message };
      }
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The class a CommonJS module exports as `exports.default`: Node's ESM loader wraps it once more
 * (`mod.default.default`), bundlers and vitest do not (`mod.default`).
 */
export function pickConstructor<T>(module: unknown): T {
  const m = module as { default?: { default?: unknown } | unknown };
  const outer = m.default as { default?: unknown } | undefined;
  const candidates = [outer?.default, outer, module];
  const found = candidates.find((c) => typeof c === 'function');
  if (found === undefined) throw new Error('the SDK module has no default class');
  return found as T;
}

interface OpenApiModule {
  $OpenApiUtil: {
    Config: new (map: Record<string, unknown>) => unknown;
    Params: new (map: Record<string, unknown>) => unknown;
    OpenApiRequest: new (map: Record<string, unknown>) => unknown;
  };
}

interface DaraModule {
  RuntimeOptions: new (map: Record<string, unknown>) => unknown;
}

/** Where a product's calls go: the override when given, else the public regional endpoint over HTTPS. */
export function endpointFor(product: Product, settings: TransportSettings): EndpointOverride {
  return (
    settings.endpoints[product] ?? { protocol: 'HTTPS', host: defaultEndpoint(product, settings.region) }
  );
}

export async function openApiTransport(
  settings: TransportSettings,
  source: CredentialSource,
): Promise<Transport> {
  const core = (await import('@alicloud/openapi-core')) as unknown as OpenApiModule;
  const daraModule = (await import('@darabonba/typescript')) as unknown as DaraModule & {
    default?: DaraModule;
  };
  const dara =
    typeof daraModule.RuntimeOptions === 'function' ? daraModule : (daraModule.default as DaraModule);
  const Client =
    pickConstructor<
      new (
        config: unknown,
      ) => { callApi(p: unknown, r: unknown, rt: unknown): Promise<unknown> }
    >(core);
  const util = core.$OpenApiUtil ?? (core as unknown as { default: OpenApiModule }).default.$OpenApiUtil;
  const { Config, Params, OpenApiRequest } = util;
  const clients = new Map<Product, unknown>();
  const clientFor = (product: Product) => {
    let client = clients.get(product);
    if (client === undefined) {
      const endpoint = endpointFor(product, settings);
      client = new Client(
        new Config({
          credential: source.credential,
          regionId: settings.region,
          endpoint: endpoint.host,
          protocol: endpoint.protocol,
          readTimeout: settings.timeoutMs,
          connectTimeout: settings.timeoutMs,
        }),
      );
      clients.set(product, client);
    }
    return client as { callApi(p: unknown, r: unknown, rt: unknown): Promise<unknown> };
  };
  return async (request: CloudRequest): Promise<AttemptResult> => {
    const rpc = request.pathname === undefined;
    const params = new Params({
      action: request.action,
      version: API_VERSION[request.product],
      protocol: 'HTTPS',
      pathname: request.pathname ?? '/',
      method: rpc ? 'POST' : 'GET',
      authType: 'AK',
      style: rpc ? 'RPC' : 'ROA',
      reqBodyType: rpc ? 'formData' : 'json',
      bodyType: 'string',
    });
    const openApiRequest = new OpenApiRequest({ query: { ...request.params } });
    const runtime = new dara.RuntimeOptions({
      readTimeout: settings.timeoutMs,
      connectTimeout: settings.timeoutMs,
      autoretry: false,
    });
    try {
      const response = (await clientFor(request.product).callApi(params, openApiRequest, runtime)) as {
        body?: unknown;
      };
      return parseBody(typeof response.body === 'string' ? response.body : '');
    } catch (error) {
      return { ok: false, error: classifyError(error) };
    }
  };
}
