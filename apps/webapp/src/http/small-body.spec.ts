import Koa from 'koa';
import request from 'supertest';
import { AppError } from './errors';
import { readSmallBody } from './small-body';

const RULE = {
  type: 'application/json',
  maxBytes: 8,
  tooLargeCode: 'BODY_TOO_LARGE',
  sendName: 'body',
  sizeName: 'JSON body',
};

/** A server that answers the body it read, or the refusal's status, code and message. */
const app = new Koa();
app.use(async (ctx) => {
  try {
    ctx.body = { text: await readSmallBody(ctx, RULE) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.status = err.status;
    ctx.body = { code: err.code, message: err.message };
  }
});
const server = app.callback();

describe('readSmallBody', () => {
  it('reads a body of the expected type and size as text', async () => {
    const res = await request(server).post('/').set('content-type', 'application/json').send('{"a":1}');
    expect([res.status, res.body]).toEqual([200, { text: '{"a":1}' }]);
  });

  it('refuses another media type with 415 UNSUPPORTED_MEDIA_TYPE, naming the expected one', async () => {
    const res = await request(server).post('/').set('content-type', 'text/plain').send('{}');
    expect([res.status, res.body]).toEqual([
      415,
      { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send this body as application/json.' },
    ]);
  });

  it("refuses a body past the cap with 400 and the rule's code", async () => {
    const res = await request(server).post('/').set('content-type', 'application/json').send('{"a":"long"}');
    expect([res.status, res.body]).toEqual([
      400,
      { code: 'BODY_TOO_LARGE', message: 'The JSON body is larger than 8 bytes.' },
    ]);
  });
});
