import { absoluteTime, relativeTime } from '../shared/format';

/** Rewrites every `<time datetime>` under `root` as "5 minutes ago", keeping the absolute time as its title. */
export function refreshRelativeTimes(root: ParentNode): void {
  const now = Date.now();
  root.querySelectorAll<HTMLTimeElement>('time[datetime]').forEach((time) => {
    time.textContent = relativeTime(time.dateTime, now);
    time.title = absoluteTime(time.dateTime);
  });
}
