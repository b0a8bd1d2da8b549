import type { WebappConfig } from '@ha-uploads/config';
import type { EmbeddedBackends } from '../startup/open-storage';
import { runServer } from '../startup/run-server';
import { startLocalBackends } from './embedded-backends';
import { localPageOrigins } from './local-page-origins';

/** The stand-ins under config.dataDir, whose bucket lets the page's own origins transfer directly. */
async function startEmbeddedBackends(config: WebappConfig): Promise<EmbeddedBackends> {
  const backends = await startLocalBackends({ dataDir: config.dataDir });
  return { ...backends, corsOrigins: localPageOrigins(config.port, config.directTransfer.publicOrigin), close: () => backends.close() };
}

// `nx run webapp:serve`: the server of main.ts over the embedded stand-ins (with EMBEDDED_BACKENDS=true).
runServer({ startEmbedded: startEmbeddedBackends });
