import request from 'supertest';
import { serveWithBrowserSession } from '../testing/test-app';

const SESSION_ID = '01HZY3QK8X9V5N2M4P6R7S8T9W';
const CHECKSUM = 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=';

const t = serveWithBrowserSession();

describe('upload-session routes', () => {
  it('tells a page from before the one protocol, still confirming parts, to reload: 410 ENDPOINT_REMOVED', async () => {
    // GIVEN a page loaded before the confirm endpoint went away, with its CSRF token
    // WHEN it confirms a stored part as it used to
    const res = await request(t.server)
      .post(`/api/uploads/${SESSION_ID}/parts`)
      .set('Sec-Fetch-Site', 'same-origin')
      .set('Cookie', t.session.cookie)
      .set('X-CSRF-Token', t.session.token)
      .send({ parts: [{ partNumber: 1, etag: '"e"', checksum: CHECKSUM }] });
    // THEN it is told the endpoint is gone for good, with a message that says to reload
    expect([res.status, res.body.error.code]).toEqual([410, 'ENDPOINT_REMOVED']);
    expect(res.body.error.message).toMatch(/reload/);
  });
});
