/**
 * Progress on stderr. On a terminal each product has one status line that is rewritten as pages arrive, and
 * failures stay on screen; otherwise every event is one plain line (logs, CI).
 */
export interface Progress {
  event(line: string): void;
  /** A step inside a call (a page arrived): shown on a terminal's status line only. */
  step(line: string): void;
  done(): void;
}

const CLEAR_LINE = '\r\x1b[K';

export function progressReporter(write: (text: string) => void, isTTY: boolean): Progress {
  if (!isTTY) return { event: (line) => write(`collect: ${line}\n`), step: () => {}, done: () => {} };
  let open = false;
  let product = '';
  return {
    event(line) {
      const current = line.split(' ')[0] ?? '';
      const failure = line.includes('FAILED');
      if (open && (current !== product || failure)) write(current === product ? CLEAR_LINE : '\n');
      product = current;
      if (failure) {
        write(`${CLEAR_LINE}collect: ${line}\n`);
        open = false;
        return;
      }
      write(`${CLEAR_LINE}collect: ${line}`);
      open = true;
    },
    step(line) {
      this.event(line);
    },
    done() {
      if (open) write('\n');
      open = false;
    },
  };
}
