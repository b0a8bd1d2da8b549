import { readFile, readdir } from 'node:fs/promises';

/** Linux's clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's CPU times. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds a process has used so far, all its threads (the JS thread and V8's and libuv's helpers) counted.
 * From each thread's /proc/<pid>/task/<tid>/schedstat, in nanoseconds, since a handful of API calls are a few
 * of /proc/<pid>/stat's 10 ms ticks; that coarser figure where schedstat is missing; undefined off Linux.
 */
export async function cpuSeconds(pid: number): Promise<number | undefined> {
  try {
    let nanoseconds = 0;
    for (const thread of await readdir(`/proc/${pid}/task`)) {
      nanoseconds += Number((await readFile(`/proc/${pid}/task/${thread}/schedstat`, 'utf8')).split(' ')[0]);
    }
    return nanoseconds / 1e9;
  } catch {
    return statCpuSeconds(pid);
  }
}

async function statCpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
