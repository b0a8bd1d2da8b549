/// <reference types="jest" />
import { startTestBackends, type TestBackends, type TestBackendsOptions } from './local-backends';

/**
 * Local backends for one spec file: started in beforeAll and stopped in afterAll. The returned object is filled in
 * when they start, so tests read it as they would the result of startTestBackends.
 */
export function useTestBackends(options: TestBackendsOptions = {}, timeoutMs?: number): TestBackends {
  const backends = {} as TestBackends;
  beforeAll(async () => {
    Object.assign(backends, await startTestBackends(options));
  }, timeoutMs);
  // A failed start leaves nothing to stop.
  afterAll(() => ('stop' in backends ? backends.stop() : undefined));
  return backends;
}
