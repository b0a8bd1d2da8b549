/**
 * The one line to print when `err` is a listen on a port something else holds, followed by `remedy` (the flag or
 * variable that picks another); undefined for any other error.
 */
export function portInUseLine(err: unknown, remedy: string): string | undefined {
  const listenError = err as (NodeJS.ErrnoException & { port?: number; address?: string }) | undefined;
  if (listenError?.code !== 'EADDRINUSE') return undefined;
  return `port ${listenError.port} on ${listenError.address} is already in use; ${remedy}`;
}
