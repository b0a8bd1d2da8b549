import { localPageOrigins } from './local-page-origins';

describe('localPageOrigins', () => {
  it('names both loopback host names at the port', () => {
    expect(localPageOrigins(3000)).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
  });

  it('adds the public origin, without a path or trailing slash', () => {
    expect(localPageOrigins(3000, 'https://uploads.example.com/')).toEqual([
      'https://uploads.example.com',
      'http://localhost:3000',
      'http://127.0.0.1:3000',
    ]);
  });
});
