import { createServer } from 'node:net';
import { closeServer, listen } from './server';
import { portInUseLine } from './port-in-use';

describe('portInUseLine', () => {
  it('names the taken port and the remedy for a listen on a port in use', async () => {
    // GIVEN a port held by one server
    const holder = createServer();
    const port = await listen(holder, 0, '127.0.0.1');
    // WHEN a second server listens on it
    const failure = await listen(createServer(), port, '127.0.0.1').catch((err: unknown) => err);
    await closeServer(holder);
    // THEN the line names the port, its address and the remedy
    expect(portInUseLine(failure, 'pass --port=N')).toBe(`port ${port} on 127.0.0.1 is already in use; pass --port=N`);
  });

  it('says nothing of other errors', () => {
    expect(portInUseLine(new Error('boom'), 'pass --port=N')).toBeUndefined();
  });
});
