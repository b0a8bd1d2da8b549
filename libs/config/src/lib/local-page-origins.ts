/** The origins a local page is served from: both loopback names at `port`, and the configured public origin. */
export function localPageOrigins(port: number, publicOrigin?: string): string[] {
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return publicOrigin === undefined ? origins : [...new Set([new URL(publicOrigin).origin, ...origins])];
}
