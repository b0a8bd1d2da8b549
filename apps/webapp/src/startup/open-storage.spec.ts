import { ConfigError, loadWebappConfig } from '@ha-uploads/config';
import { pino } from 'pino';
import { openStorage } from './open-storage';

describe('openStorage', () => {
  it('refuses embedded mode when no stand-ins are passed in, naming the local entry', async () => {
    // GIVEN EMBEDDED_BACKENDS=true in a production entry, which passes no starter
    const config = loadWebappConfig({ EMBEDDED_BACKENDS: 'true' });

    // WHEN storage opens THEN it fails as bad config that points at webapp:serve
    const opening = openStorage(config, pino({ level: 'silent' }));
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toThrow('EMBEDDED_BACKENDS: true needs the local entry point (npx nx run webapp:serve)');
  });
});
