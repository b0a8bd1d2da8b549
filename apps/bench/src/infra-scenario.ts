import { timeCommand } from './processes';
import type { ReportRow, ScenarioResult } from './report';
import { fmt } from './report';

const NX_ENV = { NX_TUI: 'false', NX_NO_CLOUD: 'true' };

/**
 * Item 7: wall time of `nx run infra:synth` and `nx run infra:plan` (uncached, without their dependencies such as
 * webapp:build).
 */
export async function runInfraScenario(
  inheritedEnv: Readonly<Record<string, string | undefined>>,
): Promise<ScenarioResult> {
  const env = { ...inheritedEnv, ...NX_ENV };
  const targets = await infraTargets(env);
  const rows: ReportRow[] = [];
  const data: Record<string, unknown> = {};
  const steps = [
    { target: 'synth', command: ['npx', 'nx', 'run', 'infra:synth', '--skip-nx-cache', '--exclude-task-dependencies'] },
    { target: 'plan', command: ['npx', 'nx', 'run', 'infra:plan', '--skip-nx-cache', '--exclude-task-dependencies'] },
  ];
  for (const step of steps) {
    if (!targets.includes(step.target)) {
      const reason = `skipped: project infra has no ${step.target} target (targets: ${targets.join(', ') || 'none'})`;
      console.log(`  infra:${step.target} ${reason}`);
      rows.push({ item: '7 infra', metric: `infra:${step.target}`, value: `skipped (no ${step.target} target)` });
      data[step.target] = { skipped: reason };
      continue;
    }
    const result = await timeCommand(step.command, env);
    data[step.target] = {
      durationMs: result.durationMs,
      exitCode: result.code,
      outputTail: result.code === 0 ? undefined : result.output,
    };
    rows.push({
      item: '7 infra',
      metric: `infra:${step.target} (incl. nx start-up)`,
      value:
        result.code === 0
          ? fmt(result.durationMs / 1000, 's', 1)
          : `failed (exit ${result.code}) after ${fmt(result.durationMs / 1000, 's', 1)}`,
    });
    if (result.code !== 0) console.log(`  infra:${step.target} failed:\n${result.output}`);
  }
  return { rows, data };
}

async function infraTargets(env: Readonly<Record<string, string | undefined>>): Promise<string[]> {
  const result = await timeCommand(['npx', 'nx', 'show', 'project', 'infra', '--json'], env, 10_000_000);
  if (result.code !== 0) return [];
  try {
    const json = result.output.slice(result.output.indexOf('{'));
    return Object.keys((JSON.parse(json) as { targets?: Record<string, unknown> }).targets ?? {});
  } catch {
    return [];
  }
}
