import { ownerIdentity } from './owner-identity';

let fetchMock: jest.SpyInstance;
afterEach(() => fetchMock.mockRestore());

function answering(...statuses: number[]): void {
  fetchMock = jest.spyOn(globalThis, 'fetch');
  for (const status of statuses) fetchMock.mockResolvedValueOnce(new Response(null, { status }));
}

describe('ownerIdentity', () => {
  it('asks once for every batch of the page once it succeeded', async () => {
    // GIVEN a server that mints the identity
    answering(201);
    const ensure = ownerIdentity('/api/owner', 'token');
    // WHEN two batches start at once and a third later
    await Promise.all([ensure(), ensure()]);
    await ensure();
    // THEN one request was sent, same-origin with the CSRF header
    expect(fetchMock.mock.calls).toEqual([
      [
        '/api/owner',
        {
          method: 'POST',
          headers: { 'X-CSRF-Token': 'token', Accept: 'application/json' },
          credentials: 'same-origin',
        },
      ],
    ]);
  });

  it('asks again for the next batch after a refusal', async () => {
    answering(401, 201);
    const ensure = ownerIdentity('/api/owner', 'token');
    await ensure();
    await ensure();
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('resolves when the request fails, so the uploads report the network error themselves', async () => {
    fetchMock = jest.spyOn(globalThis, 'fetch').mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(ownerIdentity('/api/owner', 'token')()).resolves.toBeUndefined();
  });
});
