/**
 * FROM and TO as `podreach check` takes them, typed or picked: the source namespace → workload → pod (with a search
 * over every pod and workload), the destination from the snapshot's Services, pods, ECS, RDS, SLB and Internet names.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DestinationChoice, QueryParams, SourceNamespace } from '../api.js';
import { t } from '../text.js';

interface Props {
  readonly initial: QueryParams;
  readonly sources: readonly SourceNamespace[];
  readonly destinations: readonly DestinationChoice[];
  readonly onSubmit: (query: QueryParams) => void;
}

interface SourceOption {
  readonly value: string;
  readonly label: string;
}

function sourceOptions(sources: readonly SourceNamespace[]): SourceOption[] {
  const options: SourceOption[] = [];
  for (const namespace of sources) {
    for (const workload of namespace.workloads) {
      if (workload.value !== null) {
        options.push({
          value: workload.value,
          label: `${workload.value} (all ${workload.pods.length} pods)`,
        });
      }
      for (const pod of workload.pods)
        options.push({ value: pod.value, label: `${pod.value} ${pod.ips.join(' ')}` });
    }
  }
  return options;
}

const GROUPS = ['Services', 'Pods', 'ECS', 'RDS', 'SLB', 'Internet'] as const;

export function QueryForm({ initial, sources, destinations, onSubmit }: Props) {
  const [query, setQuery] = useState<QueryParams>(initial);
  const [namespace, setNamespace] = useState('');
  const [workload, setWorkload] = useState('');
  const [search, setSearch] = useState('');
  const [group, setGroup] = useState<(typeof GROUPS)[number]>('Internet');

  useEffect(() => setQuery(initial), [initial]);
  // Show where a query's source sits (namespace and workload) when it comes from the URL.
  useEffect(() => {
    for (const entry of sources) {
      for (const candidate of entry.workloads) {
        if (candidate.value === initial.from || candidate.pods.some((pod) => pod.value === initial.from)) {
          setNamespace(entry.namespace);
          setWorkload(`${candidate.kind}/${candidate.name}`);
          return;
        }
      }
    }
  }, [sources, initial]);
  useEffect(() => {
    const group = destinations.find((choice) => choice.value === initial.to)?.group;
    if (group !== undefined) setGroup(group);
  }, [destinations, initial]);
  const set = (patch: Partial<QueryParams>) => setQuery({ ...query, ...patch });

  const selectedNamespace = sources.find((entry) => entry.namespace === namespace);
  const selectedWorkload = selectedNamespace?.workloads.find(
    (entry) => `${entry.kind}/${entry.name}` === workload,
  );
  const all = useMemo(() => sourceOptions(sources), [sources]);
  const needle = search.trim().toLowerCase();
  const matches =
    needle === '' ? [] : all.filter((option) => option.label.toLowerCase().includes(needle)).slice(0, 50);
  const groupChoices = destinations.filter((choice) => choice.group === group);

  return (
    <form
      class="query"
      aria-label="Query"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(query);
      }}
    >
      <fieldset>
        <legend>Source</legend>
        <div class="pickers">
          <label>
            Namespace
            <select
              name="namespace"
              value={namespace}
              onChange={(event) => {
                setNamespace(event.currentTarget.value);
                setWorkload('');
              }}
            >
              <option value="">—</option>
              {sources.map((entry) => (
                <option key={entry.namespace} value={entry.namespace}>
                  {t(entry.namespace)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Workload
            <select
              name="workload"
              value={workload}
              disabled={selectedNamespace === undefined}
              onChange={(event) => {
                const key = event.currentTarget.value;
                setWorkload(key);
                const chosen = selectedNamespace?.workloads.find(
                  (entry) => `${entry.kind}/${entry.name}` === key,
                );
                if (chosen?.value != null) set({ from: chosen.value });
              }}
            >
              <option value="">—</option>
              {selectedNamespace?.workloads.map((entry) => (
                <option key={`${entry.kind}/${entry.name}`} value={`${entry.kind}/${entry.name}`}>
                  {entry.kind === '' ? '(pods without a workload)' : t(`${entry.kind}/${entry.name}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Pod
            <select
              name="pod"
              value={query.from}
              disabled={selectedWorkload === undefined}
              onChange={(event) => set({ from: event.currentTarget.value })}
            >
              <option value={selectedWorkload?.value ?? ''}>
                {selectedWorkload?.value == null ? '—' : 'every pod of the workload'}
              </option>
              {selectedWorkload?.pods.map((pod) => (
                <option key={pod.value} value={pod.value}>
                  {t(pod.name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Search pods
            <input
              type="search"
              value={search}
              placeholder="name or IP"
              onInput={(event) => setSearch(event.currentTarget.value)}
            />
          </label>
        </div>
        {matches.length > 0 && (
          <ul class="matches" aria-label="Matching sources">
            {matches.map((option) => (
              <li key={option.value}>
                <button
                  type="button"
                  class="link"
                  onClick={() => {
                    set({ from: option.value });
                    setSearch('');
                  }}
                >
                  {t(option.label)}
                </button>
              </li>
            ))}
          </ul>
        )}
        <label class="wide">
          From
          <input
            name="from"
            required
            value={query.from}
            placeholder="NAMESPACE/POD, NAMESPACE/deployment/NAME or an IP address"
            onInput={(event) => set({ from: event.currentTarget.value })}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Destination</legend>
        <div class="pickers">
          <label>
            Kind
            <select
              name="kind"
              value={group}
              onChange={(event) => setGroup(event.currentTarget.value as (typeof GROUPS)[number])}
            >
              {GROUPS.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label class="grow">
            From the snapshot
            <select
              name="pick"
              value={groupChoices.some((choice) => choice.value === query.to) ? query.to : ''}
              onChange={(event) => {
                const chosen = groupChoices.find((choice) => choice.value === event.currentTarget.value);
                if (chosen !== undefined) {
                  set({ to: chosen.value, ...(chosen.port === null ? {} : { port: String(chosen.port) }) });
                }
              }}
            >
              <option value="">—</option>
              {groupChoices.map((choice) => (
                <option key={choice.value + choice.label} value={choice.value}>
                  {t(choice.label)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label class="wide">
          To
          <input
            name="to"
            required
            value={query.to}
            placeholder="IP, host name, svc/NAMESPACE/NAME, NAMESPACE/POD, i-…, rm-…, lb-…"
            onInput={(event) => set({ to: event.currentTarget.value })}
          />
        </label>
      </fieldset>
      <div class="pickers actions">
        <label>
          Port
          <input
            name="port"
            inputMode="numeric"
            size={6}
            value={query.port}
            onInput={(event) => set({ port: event.currentTarget.value })}
          />
        </label>
        <label>
          Protocol
          <select
            name="protocol"
            value={query.protocol}
            onChange={(event) => set({ protocol: event.currentTarget.value })}
          >
            {['tcp', 'udp', 'sctp', 'icmp'].map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Family
          <select
            name="family"
            value={query.family}
            onChange={(event) => set({ family: event.currentTarget.value })}
          >
            <option value="">any</option>
            <option value="4">IPv4</option>
            <option value="6">IPv6</option>
          </select>
        </label>
        <button type="submit" class="primary">
          Trace
        </button>
      </div>
    </form>
  );
}
