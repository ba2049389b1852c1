// Runs the real scripts and entry points as child processes (what an operator types), with only
// the environment given (plus PATH), and collects exit code and output.
import { execFile, spawn, type ChildProcess } from 'node:child_process';

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run <script>` without npm's banner: node --import tsx <file> <args>. */
export function runScript(file: string, args: string[], env: Record<string, string>): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', file, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export interface Running {
  child: ChildProcess;
  output(): string;
  /** Resolves with the output once `pattern` appeared, or rejects when the process exits first. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number>;
  stop(): Promise<number>;
}

export function startProcess(command: string, args: string[], env: Record<string, string>): Running {
  const child = spawn(command, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const l of listeners) l();
  });
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(out)) {
            listeners.delete(check);
            resolve(out);
          } else if (done) {
            listeners.delete(check);
            reject(new Error(`process exited before ${pattern}: ${out}`));
          }
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (!done) child.kill('SIGTERM');
      return exited;
    },
  };
}
