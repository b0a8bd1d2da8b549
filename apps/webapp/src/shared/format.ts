// Pure formatting shared by the server templates and the browser client (no Node or DOM APIs here).

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** 1536 -> "1.5 KiB". */
export function humanSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

/** "2024-05-01T12:03:04.567Z" -> "2024-05-01 12:03 UTC": absolute and the same on every instance. */
export function absoluteTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

const STEPS: readonly (readonly [Intl.RelativeTimeFormatUnit, number])[] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** How long ago `iso` was, seen at `nowMs`: "just now", "5 minutes ago", "yesterday". */
export function relativeTime(iso: string, nowMs: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  // Clocks of instances and browsers differ a little; a time slightly in the future is still "just now".
  let value = Math.max(0, (nowMs - then) / 1000);
  if (value < 45) return 'just now';
  for (const [unit, size] of STEPS) {
    if (value < size) return relative.format(-Math.round(value), unit);
    value /= size;
  }
  return absoluteTime(iso);
}

/** A stable colour slot (0..5) for an instance id, so each instance keeps its colour across reloads. */
export function instanceHue(instanceId: string): number {
  let hash = 0;
  for (const char of instanceId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 6;
}
