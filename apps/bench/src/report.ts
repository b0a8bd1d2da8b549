import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** One line of the printed table: a measured figure, and the target it is judged against when it has one. */
export interface ReportRow {
  readonly item: string;
  readonly metric: string;
  readonly value: string;
  readonly target?: string;
  /** true met, false missed, undefined informational. */
  readonly met?: boolean;
}

/** What one scenario produced: table rows plus its raw figures for the JSON. */
export interface ScenarioResult {
  readonly rows: readonly ReportRow[];
  readonly data: unknown;
}

/** The machine the figures came from. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    totalMemoryGiB: +(os.totalmem() / 1024 ** 3).toFixed(1),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** The rows as an aligned plain-text table. */
export function formatTable(rows: readonly ReportRow[]): string {
  const header = ['item', 'metric', 'value', 'target', 'met'];
  const cells = rows.map((r) => [
    r.item,
    r.metric,
    r.value,
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Writes the JSON report, creating its directory. */
export async function writeJsonReport(file: string, report: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}

/** A number with `digits` decimals and a unit. */
export function fmt(value: number, unit: string, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)} ${unit}` : 'n/a';
}
