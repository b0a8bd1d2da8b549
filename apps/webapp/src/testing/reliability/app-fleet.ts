import { startTestBackends, type TestBackends, type TestBackendsOptions } from '@ha-uploads/storage/testing';
import { startAppInstance, type AppInstance, type AppInstanceOptions } from './app-instance';

/** What useAppFleet starts: local backends and the named instances over them. */
export interface AppFleetOptions<K extends string> {
  /** @default - startTestBackends' defaults */
  readonly backends?: TestBackendsOptions;
  readonly instances: Readonly<Record<K, AppInstanceOptions>>;
  /** The start's timeout. @default - Jest's */
  readonly timeoutMs?: number;
}

/**
 * Local backends and one in-process instance per name, started in that order before the spec file's tests and
 * stopped after, instances first. The returned objects are filled in when they start.
 */
export function useAppFleet<K extends string>(
  options: AppFleetOptions<K>,
): { readonly backends: TestBackends } & Readonly<Record<K, AppInstance>> {
  const backends = {} as TestBackends;
  const names = Object.keys(options.instances) as K[];
  const instances = Object.fromEntries(names.map((name) => [name, {} as AppInstance])) as Record<K, AppInstance>;
  beforeAll(async () => {
    Object.assign(backends, await startTestBackends(options.backends));
    for (const name of names) {
      Object.assign(instances[name], await startAppInstance(backends, options.instances[name]));
    }
  }, options.timeoutMs);
  // A failed start leaves only what did start to stop.
  afterAll(async () => {
    await Promise.all(names.map((name) => ('close' in instances[name] ? instances[name].close() : undefined)));
    if ('stop' in backends) await backends.stop();
  });
  return { backends, ...instances };
}
