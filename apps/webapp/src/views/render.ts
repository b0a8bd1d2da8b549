import nunjucks from 'nunjucks';
import type { FileRecord } from '@ha-uploads/files';
import { absoluteTime, humanSize, instanceHue, relativeTime } from '../shared/format';
import { HOME_PAGE } from './templates';

export { humanSize } from '../shared/format';

// Autoescape on: every user-controlled value (names, instance ids) is HTML-escaped by the engine.
const env = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: false });
env.addFilter('humanSize', humanSize);
env.addFilter('absoluteTime', absoluteTime);
env.addFilter('relativeTime', (iso: string) => relativeTime(iso, Date.now()));
env.addFilter('instanceHue', instanceHue);
const home = new nunjucks.Template(HOME_PAGE, env, 'home.njk', true);

/** What the home page shows. */
export interface HomePageModel {
  readonly instanceId: string;
  readonly csrfToken: string;
  readonly files: readonly FileRecord[];
  readonly cursor?: string;
  readonly nextCursor: string | null;
  readonly error?: { readonly code: string; readonly message: string };
  readonly uploaded?: number;
  readonly maxFiles: number;
  /** The upload limit in bytes; the client checks it before sending. */
  readonly maxBytes: number;
  readonly maxSize: string;
  /** Versioned URLs of the stylesheet and (when built) the client script. */
  readonly assets: { readonly css: string; readonly js?: string };
}

/** Renders the home page through the auto-escaping engine. */
export function renderHomePage(model: HomePageModel): string {
  return home.render(model as unknown as object);
}
