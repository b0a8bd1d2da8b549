/** The caller's settings for reaching the registry: proxies and the TLS roots to trust (terraform reads both). */
export interface NetworkEnv {
  readonly HTTPS_PROXY?: string;
  readonly HTTP_PROXY?: string;
  readonly NO_PROXY?: string;
  readonly SSL_CERT_FILE?: string;
  readonly SSL_CERT_DIR?: string;
}

/** Picks the network settings out of `env`, upper case first, as terraform does; nothing else of it. */
export function networkEnvOf(env: NodeJS.ProcessEnv): NetworkEnv {
  const pick = (name: string): string | undefined => env[name] ?? env[name.toLowerCase()];
  return {
    HTTPS_PROXY: pick('HTTPS_PROXY'),
    HTTP_PROXY: pick('HTTP_PROXY'),
    NO_PROXY: pick('NO_PROXY'),
    SSL_CERT_FILE: env.SSL_CERT_FILE,
    SSL_CERT_DIR: env.SSL_CERT_DIR,
  };
}
