import { spawn } from 'node:child_process';
import { formatTotals, stripAnsi, sumJestTotals } from './test-totals';

// `npm test [-- nx options]`: every project's lint, typecheck, test (unit specs), integration and e2e, then one line
// of totals across all of them. Colour only on a terminal.
const TARGETS = ['run-many', '-t', 'lint', 'typecheck', 'test', 'integration', 'e2e', '--output-style=static'];
const tty = process.stdout.isTTY === true;
const colour = tty ? { FORCE_COLOR: '1' } : { FORCE_COLOR: '0', NO_COLOR: '1' };

const nx = spawn(process.execPath, [require.resolve('nx/bin/nx'), ...TARGETS, ...process.argv.slice(2)], {
  env: { ...process.env, ...colour },
  stdio: ['inherit', 'pipe', 'pipe'],
});
// Only the summary lines are kept: the whole output of a full run is megabytes.
const summaries: string[] = [];
const relay = (target: NodeJS.WriteStream) => {
  let partial = '';
  return (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    summaries.push(...lines.filter((line) => line.includes('Tests:')));
    target.write(tty ? text : stripAnsi(text));
  };
};
nx.stdout.on('data', relay(process.stdout));
nx.stderr.on('data', relay(process.stderr));
nx.on('close', (code) => {
  console.log(formatTotals(sumJestTotals(summaries.join('\n'))));
  process.exit(code ?? 1);
});
