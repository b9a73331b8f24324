/** The query lives in the page URL (?from=&to=&port=&protocol=&family=&view=) so it can be shared and reloaded. */
import type { QueryParams } from './api.js';
import { querySearch } from './api.js';

export type View = 'trace' | 'matrix' | 'audit' | 'snapshot';

const VIEWS: readonly View[] = ['trace', 'matrix', 'audit', 'snapshot'];

export interface PageState {
  readonly view: View;
  readonly query: QueryParams;
}

export function readPageState(search: string): PageState {
  const params = new URLSearchParams(search);
  return {
    view: VIEWS.find((view) => view === params.get('view')) ?? 'trace',
    query: {
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
      port: params.get('port') ?? '',
      protocol: params.get('protocol') ?? 'tcp',
      family: params.get('family') ?? '',
    },
  };
}

export function pageSearch(state: PageState): string {
  const query = querySearch(state.query);
  const view = state.view === 'trace' ? '' : `view=${state.view}`;
  const parts = [view, query].filter((part) => part !== '');
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export function isComplete(query: QueryParams): boolean {
  return query.from !== '' && query.to !== '';
}
