import nunjucks from 'nunjucks';
import type { FileView, TrashedView } from '../routes/file-views';
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
  readonly files: readonly FileView[];
  /** "Recently deleted": the client's own deleted files (everyone's for an admin). */
  readonly trash: readonly TrashedView[];
  /** Who is signed in (through the ALB) or holds the admin token. @default - anonymous */
  readonly user?: { readonly name: string; readonly isAdmin: boolean; readonly canSignOut: boolean };
  /** Sign-in is on and this client has none (it may read, not upload). */
  readonly signInRequired?: boolean;
  /** The outcome of a change, with an Undo for a delete. */
  readonly notice?: { readonly message: string; readonly undoId?: string };
  readonly cursor?: string;
  readonly nextCursor: string | null;
  /** The cursor of the next page of "Recently deleted", when there is one. @default - none */
  readonly trashNextCursor?: string | null;
  readonly error?: { readonly code: string; readonly message: string };
  readonly uploaded?: number;
  readonly maxFiles: number;
  /** The upload limit in bytes; the client checks it before sending. */
  readonly maxBytes: number;
  readonly maxSize: string;
  /** Direct uploads to S3, when the app has them: the page sends files of `minBytes` or more that way. */
  readonly direct?: { readonly minBytes: number; readonly maxBytes: number };
  /** Versioned URLs of the stylesheet and (when built) the client script. */
  readonly assets: { readonly css: string; readonly js?: string };
}

/** Renders the home page through the auto-escaping engine. */
export function renderHomePage(model: HomePageModel): string {
  return home.render(model as unknown as object);
}
