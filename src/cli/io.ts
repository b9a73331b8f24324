/**
 * Where the CLI writes and what it knows of its environment. Results go to stdout, messages and logs to stderr
 * (shared/reference/ecosystem.md §6). Tests pass a capturing implementation and drive the CLI in-process.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal: colour defaults to on only there. */
  readonly stdoutIsTTY: boolean;
  /** Whether stderr is a terminal: progress displays are drawn only there. */
  readonly stderrIsTTY?: boolean;
}

export function nodeIo(): CliIo {
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}

/** An in-memory CliIo for tests and the demo: everything written is kept. */
export function captureIo(
  options: { env?: Record<string, string | undefined>; stdoutIsTTY?: boolean } = {},
): CliIo & {
  readonly out: () => string;
  readonly err: () => string;
} {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env: options.env ?? {},
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    out: () => out,
    err: () => err,
  };
}
