import { pino, type Logger, type LevelWithSilent } from 'pino';

/** The process logger: JSON lines to stdout, each carrying the instance id. */
export function createLogger(opts: { readonly instanceId: string; readonly level: LevelWithSilent }): Logger {
  return pino({ level: opts.level, base: { instanceId: opts.instanceId } });
}
