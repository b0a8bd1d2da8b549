import Router from '@koa/router';
import type { AppState } from '../http/state';
import { downloadRoutes } from './downloads';
import { filesApiRoutes } from './files-api';
import { healthRoutes } from './health';
import { OPENAPI_DOCUMENT } from './openapi';
import { ownerRoutes } from './owner';
import { pageRoutes } from './pages';
import type { RouteDeps } from './route-deps';
import { ROUTER_OPTIONS } from '../http/paths';
import { uploadSessionRoutes } from './upload-sessions';

/** Every route the app serves, in one router: health, pages, the files API, downloads and the contract itself. */
export function createRouter(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>(ROUTER_OPTIONS);
  router.get('/api/openapi.json', (ctx) => {
    ctx.body = OPENAPI_DOCUMENT;
  });
  for (const routes of [
    healthRoutes(deps),
    pageRoutes(deps),
    filesApiRoutes(deps),
    ownerRoutes(deps),
    uploadSessionRoutes(deps),
    downloadRoutes(deps),
  ]) {
    router.use(routes.routes());
  }
  return router;
}
