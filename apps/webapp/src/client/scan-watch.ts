/** How often the page asks about files being scanned: soon after an upload, then less and less often. */
export interface ScanWatchOptions {
  /** @default 1000 */
  readonly firstDelayMs?: number;
  /** @default 30000 */
  readonly maxDelayMs?: number;
  /** Most files asked about per round. @default 10 */
  readonly maxFiles?: number;
}

/** A running watch; poke() after the list was replaced, so new scanning rows are watched at once. */
export interface ScanWatch {
  poke(): void;
}

/**
 * While any row of the list in `sectionId` is scanning, asks for those files' metadata with backoff; once a scan
 * ended (or the file is gone from view), calls `refresh`, which replaces the list, so the outcome shows without a
 * reload.
 */
export function watchScans(sectionId: string, refresh: () => Promise<void>, options: ScanWatchOptions = {}): ScanWatch {
  const first = options.firstDelayMs ?? 1_000;
  const max = options.maxDelayMs ?? 30_000;
  let delay = first;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const scanningIds = () =>
    Array.from(
      document.querySelectorAll<HTMLElement>(`#${sectionId} [data-scan="pending"]`),
      (row) => row.dataset.id ?? '',
    )
      .filter(Boolean)
      .slice(0, options.maxFiles ?? 10);
  const round = async () => {
    timer = undefined;
    const ids = scanningIds();
    if (ids.length === 0) return;
    const ended = (await Promise.all(ids.map(scanEnded))).some(Boolean);
    if (ended) await refresh();
    delay = ended ? first : Math.min(delay * 2, max);
    schedule();
  };
  const schedule = () => {
    if (timer === undefined && scanningIds().length > 0) timer = setTimeout(() => void round(), delay);
  };
  schedule();
  return {
    poke() {
      delay = first;
      schedule();
    },
  };
}

// A file's scan is over when its metadata says so, or when it is no longer shown to this client (quarantined).
async function scanEnded(id: string): Promise<boolean> {
  try {
    const response = await fetch(`/api/files/${encodeURIComponent(id)}`, {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (response.status === 404) return true;
    if (!response.ok) return false;
    return ((await response.json()) as { scan?: string }).scan !== 'pending';
  } catch {
    // The network failed: ask again next round.
    return false;
  }
}
