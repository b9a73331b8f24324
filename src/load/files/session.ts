import type { Adapter } from '../adapter.js';
import type { LoadProblem } from '../problem.js';
import type { RawDocument } from '../raw-document.js';
import { emptyBuilder, type SnapshotBuilder } from '../snapshot-builder.js';
import { decodeText } from './decode.js';
import { splitJsonList } from './json-list-splitter.js';
import { parseDocuments } from './parse.js';
import { unwrapLists } from './unwrap.js';

export interface SessionOptions {
  readonly maxFileBytes: number;
  readonly jsonFastPathBytes: number;
  readonly adapters: readonly Adapter[];
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
      const split = splitJsonList(file, content);
      if (split !== undefined) {
        this.problems.push(...split.problems);
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

  private addDocument(doc: RawDocument): 'read' | 'empty' | 'not-an-object' | 'ignored' {
    const value = doc.value;
    if (value === null || value === undefined) return 'empty'; // a `---` at the end of a stream
    if (typeof value !== 'object' || Array.isArray(value)) return 'not-an-object';
    for (const adapter of this.options.adapters) {
      const label = adapter.recognise(doc);
      if (label === undefined) continue;
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
    let entry = this.recognised.find((r) => r.file === file);
    if (!entry) {
      entry = { file, as: [] };
      this.recognised.push(entry);
    }
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
