// Output lines for commands that answer stdin line by line (sl enrich, sl sentiment): written in
// chunks that wait for the pipe to drain, so memory stays flat on inputs of any size.
export interface LineWriter {
  write(line: string): Promise<void>;
  flush(): Promise<void>;
}

export function createLineWriter(out: NodeJS.WritableStream = process.stdout, chunkLines = 1_000): LineWriter {
  let pending: string[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = `${pending.join('\n')}\n`;
    pending = [];
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
  };
  return {
    async write(line) {
      pending.push(line);
      if (pending.length >= chunkLines) await flush();
    },
    flush,
  };
}
