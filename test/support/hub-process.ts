import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** The hub as a real child process (`src/main.ts` under ts-node), as `npm start` runs it. */
export interface HubProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves when the log says the hub is ready; rejects when the process exits first. */
  ready(timeoutMs?: number): Promise<void>;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** With LOG_FILE in `env`, output() is what the process printed followed by that file. */
export function spawnHub(env: Record<string, string>): HubProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    // No demo data: a national seed would take half a minute on every first start.
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', NODE_ENV: 'development', DEMO_SEED: 'none', HUB_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const logFile = env.LOG_FILE;
  const all = () => output + (logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  return {
    child,
    output: all,
    exited: () => exit,
    ready: (timeoutMs = 60000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`hub not ready in ${timeoutMs} ms:\n${all()}`)), timeoutMs);
        const poll = setInterval(() => {
          if (all().includes('ISHC hub ready')) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve();
          }
        }, 50);
        void exit.then(({ code }) => {
          clearInterval(poll);
          clearTimeout(timer);
          reject(new Error(`hub exited with ${code} before it was ready:\n${all()}`));
        });
      }),
  };
}

/** Whether something accepts connections on a loopback port (a hub, or its embedded PostgreSQL). */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
