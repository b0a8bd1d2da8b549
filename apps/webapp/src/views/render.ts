import nunjucks from 'nunjucks';
import type { FileRecord } from '../files/file-record';
import { HOME_PAGE } from './templates';

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

// Autoescape on: every user-controlled value (names, instance ids) is HTML-escaped by the engine.
const env = new nunjucks.Environment(null, { autoescape: true, throwOnUndefined: false });
env.addFilter('humanSize', humanSize);
env.addFilter('displayTime', (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'));
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
  readonly maxSize: string;
  readonly clientScript: boolean;
}

/** Renders the home page through the auto-escaping engine. */
export function renderHomePage(model: HomePageModel): string {
  return home.render(model as unknown as object);
}
