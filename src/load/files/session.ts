import type { Adapter } from '../adapter.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { emptyBuilder, type SnapshotBuilder } from '../snapshot-builder.js';
import { decodeText } from './decode.js';
import { type JsonList, parseAllItems, scanJsonList } from './json-list-splitter.js';
import { parseDocuments } from './parse.js';
import { isListHeader, listItemDocument, unwrapLists } from './unwrap.js';

export interface SessionOptions {
  readonly maxFileBytes: number;
  readonly jsonFastPathBytes: number;
  readonly adapters: readonly Adapter[];
}

interface Checkpoint {
  readonly arrays: readonly [unknown[], number][];
  readonly problems: number;
  readonly recognised: number;
  readonly recognisedAs?: [string[], number];
  readonly ignored: number;
}

export interface Ignored {
  readonly file: string;
  readonly reason: string;
}

/**
 * Reads snapshot files one at a time (a file's text is dropped once its objects are built) and hands every document
 * to the first adapter that recognises it. Nothing here throws on bad input: each problem is recorded and the next
 * document is read.
 */
export class LoadSession {
  readonly builder: SnapshotBuilder = emptyBuilder();
  readonly recognised: { file: string; as: string[] }[] = [];
  readonly ignored: Ignored[] = [];
  private lastRecognised: { file: string; as: string[] } | undefined;

  constructor(private readonly options: SessionOptions) {}

  get problems(): LoadProblem[] {
    return this.builder.problems;
  }

  /** A file that is too large is refused before it is read. */
  refuseIfTooLarge(file: string, size: number): boolean {
    const limit = this.options.maxFileBytes;
    if (size <= limit) return false;
    this.problems.push({
      severity: 'error',
      file,
      message: `the file is ${formatBytes(size)}, over the limit of ${formatBytes(limit)}; it was not read`,
      expected: `at most ${limit} bytes per file`,
      hint: `split the file, or raise the limit to at least ${size} bytes (CLI: PODREACH_MAX_FILE_BYTES=${size}; library: the loadSnapshot option maxFileBytes)`,
    });
    return true;
  }

  addFile(file: string, content: string | Uint8Array): void {
    const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
    if (this.refuseIfTooLarge(file, size)) return;
    // A large `{"items": [...]}` list is read item by item from its bytes, never as one string.
    if (typeof content !== 'string' && size > this.options.jsonFastPathBytes) {
      const list = scanJsonList(file, content);
      const streamed = list === undefined ? 'invalid' : this.addListItemByItem(list);
      if (streamed === 'read') return;
      const split = list === undefined || streamed === 'invalid' ? undefined : parseAllItems(list);
      if (split !== undefined) {
        for (const problem of split.problems) this.problems.push(problem);
        this.addDocuments(file, [split.doc]);
        return;
      }
    }
    let text: string;
    if (typeof content === 'string') text = content;
    else {
      const decoded = decodeText(content);
      if (!decoded.ok) {
        this.ignored.push({ file, reason: decoded.reason });
        this.problems.push({
          severity: 'warning',
          file,
          message: `${decoded.reason}; it was skipped`,
          expected: 'JSON or YAML text',
          hint: 'save the raw output of kubectl or aliyun (not a compressed or binary file)',
        });
        return;
      }
      text = decoded.text;
    }
    const parsed = parseDocuments(file, text, { jsonFastPathBytes: this.options.jsonFastPathBytes });
    this.problems.push(...parsed.problems);
    if (parsed.docs.length === 0 && parsed.problems.length === 0) {
      this.ignored.push({ file, reason: 'the file holds no document' });
      return;
    }
    this.addDocuments(file, parsed.docs);
  }

  /**
   * A Kubernetes List is built object by object, each item's parsed tree dropped before the next is parsed (the
   * trees of 150,000 pods would otherwise all be alive at once: memory, and garbage collection copying them).
   * The result must be what reading the whole list first gives, so this gives up — undoing what it added — when
   * an item turns out not to be valid JSON (the whole file is then read the ordinary way, which reports it) or is
   * recognised by an adapter that may do more than append to the builder ('eager': the list is then parsed whole
   * and read as before). Duplicate-key problems come before the items' problems, as when the list is read whole.
   */
  private addListItemByItem(list: JsonList): 'read' | 'invalid' | 'eager' {
    const header = list.head;
    if (!isListHeader(header)) return 'eager';
    const file = list.file;
    const listDoc: RawDocument = { file, docIndex: 0, value: header, locate: list.locate };
    const checkpoint = this.checkpoint(file);
    const duplicates: LoadProblem[] = [];
    const notObjects: RawDocument[] = [];
    let read = 0;
    for (let index = 0; index < list.length; index++) {
      const item = list.item(index);
      const doc = item === undefined ? undefined : listItemDocument(listDoc, header, index, item.value);
      const outcome = doc === undefined ? 'invalid' : this.addDocument(doc, true);
      if (outcome === 'invalid' || outcome === 'eager') {
        this.rollBack(checkpoint);
        return outcome;
      }
      if (item?.problem !== undefined) duplicates.push(item.problem);
      if (outcome === 'not-an-object' && doc !== undefined) notObjects.push(doc);
      if (outcome === 'read') read++;
    }
    if (duplicates.length > 0) {
      const after = this.problems.splice(checkpoint.problems);
      for (const problem of duplicates) this.problems.push(problem);
      for (const problem of after) this.problems.push(problem);
    }
    this.reportNotObjects(file, notObjects, read);
    return 'read';
  }

  /** What `rollBack` needs to undo everything appended since (only appending adapters run in between). */
  private checkpoint(file: string): Checkpoint {
    const { kubernetes, cloud, world } = this.builder;
    const arrays: [unknown[], number][] = [];
    for (const group of [kubernetes, cloud, world] as Record<string, unknown>[])
      for (const value of Object.values(group)) if (Array.isArray(value)) arrays.push([value, value.length]);
    const entry = this.recognised.find((r) => r.file === file);
    return {
      arrays,
      problems: this.problems.length,
      recognised: this.recognised.length,
      ...(entry === undefined ? {} : { recognisedAs: [entry.as, entry.as.length] }),
      ignored: this.ignored.length,
    };
  }

  private rollBack(checkpoint: Checkpoint): void {
    for (const [array, length] of checkpoint.arrays) array.length = length;
    this.problems.length = checkpoint.problems;
    this.recognised.length = checkpoint.recognised;
    if (checkpoint.recognisedAs !== undefined) checkpoint.recognisedAs[0].length = checkpoint.recognisedAs[1];
    this.ignored.length = checkpoint.ignored;
    this.lastRecognised = undefined;
  }

  private addDocuments(file: string, docs: readonly RawDocument[]): void {
    const notObjects: RawDocument[] = [];
    let read = 0;
    for (const doc of docs) {
      for (const item of unwrapLists(doc)) {
        const outcome = this.addDocument(item);
        if (outcome === 'not-an-object') notObjects.push(item);
        if (outcome === 'read') read++;
      }
    }
    this.reportNotObjects(file, notObjects, read);
  }

  /**
   * A file of nothing but lists or scalars is some other file (test expectations, notes): ignored. Beside real
   * objects, such a document more likely means a damaged dump: a warning at its line.
   */
  private reportNotObjects(file: string, docs: readonly RawDocument[], read: number): void {
    for (const doc of docs) {
      const what = `document ${doc.docIndex + 1} is ${Array.isArray(doc.value) ? 'a list' : `a ${typeof doc.value}`}, not an object`;
      if (read === 0) {
        this.markIgnored(file, what);
        continue;
      }
      const origin = doc.locate([]);
      this.problems.push({
        severity: 'warning',
        file: doc.file,
        ...(origin.line === undefined ? {} : { line: origin.line }),
        ...(origin.column === undefined ? {} : { column: origin.column }),
        ...(origin.path ? { path: origin.path } : {}),
        message: `${what}; it was skipped`,
        expected: 'a Kubernetes object, an Alibaba Cloud response body or a podreach World',
        hint: 'remove it, or check that the file was not cut or edited by mistake',
      });
    }
  }

  /** With `onlyAppending`, a document an adapter without `appendsOnly` recognises is left untouched ('eager'). */
  private addDocument(
    doc: RawDocument,
    onlyAppending = false,
  ): 'read' | 'empty' | 'not-an-object' | 'ignored' | 'eager' {
    const value = doc.value;
    if (value === null || value === undefined) return 'empty'; // a `---` at the end of a stream
    if (typeof value !== 'object' || Array.isArray(value)) return 'not-an-object';
    for (const adapter of this.options.adapters) {
      const label = adapter.recognise(doc);
      if (label === undefined) continue;
      if (onlyAppending && adapter.appendsOnly !== true) return 'eager';
      this.markRecognised(doc.file, label);
      adapter.load(doc, this.builder);
      return 'read';
    }
    this.markIgnored(doc.file, unrecognisedReason(value as Record<string, unknown>));
    return 'ignored';
  }

  finish(): void {
    for (const adapter of this.options.adapters) adapter.finish?.(this.builder);
  }

  private markRecognised(file: string, label: string): void {
    // Every item of a 150,000-pod list is marked: the entry of the file read last is the one, not a search.
    let entry =
      this.lastRecognised?.file === file ? this.lastRecognised : this.recognised.find((r) => r.file === file);
    if (!entry) {
      entry = { file, as: [] };
      this.recognised.push(entry);
    }
    this.lastRecognised = entry;
    if (!entry.as.includes(label)) entry.as.push(label);
  }

  private markIgnored(file: string, reason: string): void {
    if (!this.ignored.some((i) => i.file === file && i.reason === reason))
      this.ignored.push({ file, reason });
  }
}

function unrecognisedReason(value: Record<string, unknown>): string {
  const { kind, apiVersion } = value;
  if (typeof kind === 'string') {
    const version = typeof apiVersion === 'string' ? ` (${apiVersion})` : '';
    return `kind ${kind}${version} is not used by podreach`;
  }
  return 'not recognised as a Kubernetes object, an Alibaba Cloud response body or a podreach World';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes} bytes`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
