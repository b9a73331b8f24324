/**
 * Runs Alibaba Cloud calls for collect: pages every Describe (PageNumber/PageSize or NextToken), writes one file per
 * page in the names the loader reads (`vpc-DescribeVSwitches.json`, `…-page2.json`, `rds-DescribeDBInstanceIPArrayList.rm-….json`),
 * and records each call for collection.json. A failed call is recorded and the caller carries on.
 */
import type { CallError, CallResult, CloudRequest } from './call.js';
import { ramAction } from './products.js';

type Json = Record<string, unknown>;

export interface CallRecord {
  readonly product: string;
  readonly action: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly pathname?: string;
  pages: number;
  attempts: number;
  files: string[];
  outcome: 'ok' | 'failed' | 'truncated';
  error?: CallError & { readonly ramAction?: string };
}

export interface SessionSettings {
  readonly pageSize: number;
  readonly maxPages: number;
}

export type WriteFile = (relativePath: string, body: Json) => Promise<void>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The list inside `{outer: {inner: [ … ]}}`, or `[]`. */
export function listAt(body: Json, outer: string, inner: string): Json[] {
  const wrapper = body[outer];
  const list = isObject(wrapper) ? wrapper[inner] : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

function toNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** After this many timeouts or connection failures in a row, a product's endpoint is taken as unreachable. */
export const UNREACHABLE_AFTER = 2;

export class CloudSession {
  readonly records: CallRecord[] = [];
  private readonly silentInARow = new Map<string, number>();

  constructor(
    private readonly send: (request: CloudRequest) => Promise<CallResult>,
    private readonly write: WriteFile,
    private readonly settings: SessionSettings,
    private readonly progress: (line: string) => void,
    private readonly step: (line: string) => void = () => {},
  ) {}

  /**
   * Sends a request, unless its product's endpoint has stopped answering: a blackholed endpoint would otherwise
   * cost one full timeout per remaining call.
   */
  private async call(request: CloudRequest): Promise<CallResult> {
    const silent = this.silentInARow.get(request.product) ?? 0;
    if (silent >= UNREACHABLE_AFTER)
      return {
        ok: false,
        attempts: 0,
        error: {
          kind: 'network',
          message: `not tried: the ${request.product} endpoint failed to answer ${silent} calls in a row`,
        },
      };
    const result = await this.send(request);
    const unanswered = !result.ok && (result.error.kind === 'timeout' || result.error.kind === 'network');
    this.silentInARow.set(request.product, unanswered ? silent + 1 : 0);
    return result;
  }

  private record(request: CloudRequest): CallRecord {
    const record: CallRecord = {
      product: request.product,
      action: request.action,
      parameters: { ...request.params },
      ...(request.pathname === undefined ? {} : { pathname: request.pathname }),
      pages: 0,
      attempts: 0,
      files: [],
      outcome: 'ok',
    };
    this.records.push(record);
    return record;
  }

  private fail(record: CallRecord, error: CallError): void {
    record.outcome = 'failed';
    record.error =
      error.kind === 'denied'
        ? { ...error, ramAction: ramAction(record.product as never, record.action) }
        : error;
    const needs =
      error.kind === 'denied'
        ? ` (needs RAM action ${ramAction(record.product as never, record.action)})`
        : '';
    const target = Object.entries(record.parameters)
      .filter(([k]) => k !== 'RegionId' && k !== 'VpcId')
      .map(([, v]) => ` ${v}`)
      .join('');
    this.progress(
      `${record.product} ${record.action}${target}: FAILED ${error.kind}: ${error.message}${needs}`,
    );
  }

  private fileName(base: string, page: number): string {
    return page === 1 ? `${base}.json` : `${base}-page${page}.json`;
  }

  /** One unpaged call written to `<base>.json`; the body, or undefined when it failed. */
  async single(request: CloudRequest, base: string): Promise<Json | undefined> {
    const record = this.record(request);
    const result = await this.call(request);
    record.attempts += result.attempts;
    if (!result.ok) {
      this.fail(record, result.error);
      return undefined;
    }
    record.pages = 1;
    const file = this.fileName(base, 1);
    await this.write(file, result.body);
    record.files.push(file);
    this.progress(`${request.product} ${request.action}${idSuffix(base)}: ok`);
    return result.body;
  }

  /**
   * PageNumber/PageSize paging. Stops at the last page by TotalCount (or RDS's TotalRecordCount), at an empty or
   * short page, or at maxPages (recorded as truncated). Returns the items of every page that answered.
   */
  async paged(request: CloudRequest, base: string | null, outer: string, inner: string): Promise<Json[]> {
    const record = this.record(request);
    const items: Json[] = [];
    for (let page = 1; ; page++) {
      const params = {
        ...request.params,
        PageNumber: String(page),
        PageSize: String(this.settings.pageSize),
      };
      const result = await this.call({ ...request, params });
      record.attempts += result.attempts;
      if (!result.ok) {
        this.fail(record, result.error);
        return items;
      }
      if (base !== null) {
        const file = this.fileName(base, page);
        await this.write(file, result.body);
        record.files.push(file);
      }
      record.pages = page;
      const got = listAt(result.body, outer, inner);
      items.push(...got);
      this.step(`${request.product} ${request.action}: page ${page}, ${items.length} so far`);
      const total = toNumber(result.body.TotalCount) ?? toNumber(result.body.TotalRecordCount);
      const done =
        got.length === 0 ||
        (total !== undefined ? page * this.settings.pageSize >= total : got.length < this.settings.pageSize);
      if (done) break;
      if (page >= this.settings.maxPages) {
        record.outcome = 'truncated';
        this.progress(`${request.product} ${request.action}: stopped after ${page} pages (limit)`);
        return items;
      }
    }
    this.progress(
      `${request.product} ${request.action}${idSuffix(base ?? '')}: ${items.length} in ${record.pages} page${record.pages === 1 ? '' : 's'}`,
    );
    return items;
  }

  /** NextToken/MaxResults paging (DescribeRouteEntryList): stops at an empty or repeated token, or at maxPages. */
  async tokenPaged(request: CloudRequest, base: string, outer: string, inner: string): Promise<Json[]> {
    const record = this.record(request);
    const items: Json[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 1; ; page++) {
      const params = {
        ...request.params,
        MaxResults: String(this.settings.pageSize),
        ...(token === undefined ? {} : { NextToken: token }),
      };
      const result = await this.call({ ...request, params });
      record.attempts += result.attempts;
      if (!result.ok) {
        this.fail(record, result.error);
        return items;
      }
      const file = this.fileName(base, page);
      await this.write(file, result.body);
      record.files.push(file);
      record.pages = page;
      items.push(...listAt(result.body, outer, inner));
      this.step(`${request.product} ${request.action}: page ${page}, ${items.length} so far`);
      const next = result.body.NextToken;
      token = typeof next === 'string' && next !== '' && !seen.has(next) ? next : undefined;
      if (token === undefined) break;
      seen.add(token);
      if (page >= this.settings.maxPages) {
        record.outcome = 'truncated';
        this.progress(`${request.product} ${request.action}: stopped after ${page} pages (limit)`);
        return items;
      }
    }
    this.progress(
      `${request.product} ${request.action}${idSuffix(base)}: ${items.length} in ${record.pages} page${record.pages === 1 ? '' : 's'}`,
    );
    return items;
  }
}

function idSuffix(base: string): string {
  const dot = base.indexOf('.');
  return dot < 0 ? '' : ` ${base.slice(dot + 1)}`;
}
