import { isRunning, stopChild } from './child-process';
import { startChild } from './ready-line';

const node = process.execPath;
const script = (source: string) => ['-e', source];
const portLine = (line: string) => /^ready on (\d+)$/.exec(line)?.[1];

describe('startChild', () => {
  it('resolves with what the ready line says once the child prints it', async () => {
    // GIVEN a child that prints noise, then its ready line, then keeps running
    const { child, ready } = await startChild(
      node,
      script("console.log('booting'); console.log('ready on 4321'); setInterval(() => {}, 1000);"),
      {
        ready: portLine,
      },
    );
    // THEN
    expect(ready).toBe('4321');
    expect(isRunning(child)).toBe(true);
    await stopChild(child);
  });

  it('rejects naming the child and its stderr when it exits before it is ready', async () => {
    await expect(
      startChild(node, script("console.error('config: PORT is not a number'); process.exit(3);"), {
        ready: portLine,
        name: 'webapp',
      }),
    ).rejects.toThrow(/webapp exited \(3\) before it was ready: config: PORT is not a number/);
  });

  it('kills a child that is not ready in time', async () => {
    // GIVEN a child that never prints its ready line
    let started: number | undefined;
    const attempt = startChild(node, script("console.log('pid ' + process.pid); setInterval(() => {}, 1000);"), {
      ready: (line) => {
        started = Number(/^pid (\d+)$/.exec(line)?.[1]);
        return undefined;
      },
      timeoutMs: 2_000,
    });
    // WHEN the time is up / THEN it rejects and the child is gone
    await expect(attempt).rejects.toThrow('child process was not ready within 2000 ms');
    expect(started).toBeDefined();
    expect(() => process.kill(started as number, 0)).toThrow();
  });
});

describe('stopChild', () => {
  it('kills a child that ignores SIGTERM once the deadline passes', async () => {
    // GIVEN a child that ignores SIGTERM
    const { child } = await startChild(
      node,
      script("process.on('SIGTERM', () => {}); console.log('ready on 1'); setInterval(() => {}, 1000);"),
      {
        ready: portLine,
      },
    );
    // WHEN it is stopped with a short deadline
    await stopChild(child, 200);
    // THEN SIGKILL ended it
    expect(child.signalCode).toBe('SIGKILL');
  });
});
