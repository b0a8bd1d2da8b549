import { ConfigError, loadWebappConfig } from '@ha-uploads/config';
import { openStorage } from './open-storage';

describe('openStorage', () => {
  it('refuses embedded mode, naming the local entry that starts the stand-ins', async () => {
    // GIVEN EMBEDDED_BACKENDS=true in the production entry, which never starts stand-ins
    const config = loadWebappConfig({ EMBEDDED_BACKENDS: 'true' });

    // WHEN storage opens THEN it fails as bad config that points at webapp:serve
    const opening = openStorage(config);
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toThrow(
      'EMBEDDED_BACKENDS: true needs the local entry point (npx nx run webapp:serve)',
    );
  });
});
