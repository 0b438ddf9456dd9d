/**
 * Where a command writes. People read lines on stdout and progress on stderr; with `--json`, stdout carries one
 * JSON document per result (scripts parse it) and progress stays on stderr.
 */
export interface Output {
  readonly json: boolean;
  /** A line for people (ignored with --json). */
  line(text: string): void;
  /** A result: printed as JSON with --json, else through `human`. */
  result(value: unknown, human: () => void): void;
  /** Progress of long work, on stderr so it never mixes with results. */
  progress(text: string): void;
}

export function consoleOutput(json: boolean, streams = { out: process.stdout, err: process.stderr }): Output {
  return {
    json,
    line: (text) => {
      if (!json) streams.out.write(`${text}\n`);
    },
    result: (value, human) => (json ? streams.out.write(`${JSON.stringify(value)}\n`) : human()),
    progress: (text) => streams.err.write(`${text}\n`),
  };
}
