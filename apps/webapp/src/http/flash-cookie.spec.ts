import type { Context } from 'koa';
import { FLASH_COOKIE, setFlash, takeFlash, type Flash } from './flash-cookie';

/** A context whose cookie jar is a Map. */
function fakeContext(initial?: string): { ctx: Context; jar: Map<string, string> } {
  const jar = new Map<string, string>(initial === undefined ? [] : [[FLASH_COOKIE, initial]]);
  const cookies = {
    get: (name: string) => jar.get(name),
    set: (name: string, value: string) => void (value === '' ? jar.delete(name) : jar.set(name, value)),
  };
  return { ctx: { cookies, secure: false } as unknown as Context, jar };
}

describe('the flash cookie', () => {
  it.each<Flash>([
    { kind: 'error', code: 'NOT_OWNER' },
    { kind: 'error', code: 'FILE_TOO_LARGE', file: 'Ferien 2026 – Ω.mp4' },
    { kind: 'uploaded', count: 3 },
    { kind: 'deleted', id: '01HZY3QK8X9V5N2M4P6R7S8T9W' },
    { kind: 'restored', id: '01HZY3QK8X9V5N2M4P6R7S8T9W' },
    { kind: 'purged' },
  ])('carries %j to the next view, and only once', (flash) => {
    const { ctx, jar } = fakeContext();
    setFlash(ctx, flash);
    const next = fakeContext(jar.get(FLASH_COOKIE));
    expect(takeFlash(next.ctx)).toEqual(flash);
    expect(takeFlash(next.ctx)).toBeUndefined();
  });

  it('keeps the start of a file name too long for the cookie, whole characters only', () => {
    const { ctx, jar } = fakeContext();
    setFlash(ctx, { kind: 'error', code: 'FILE_TOO_LARGE', file: 'é'.repeat(400) });
    expect(takeFlash(fakeContext(jar.get(FLASH_COOKIE)).ctx)).toEqual({
      kind: 'error',
      code: 'FILE_TOO_LARGE',
      file: 'é'.repeat(150),
    });
  });

  it('drops a value of any other shape, never echoing it', () => {
    const { ctx } = fakeContext('error.<script>');
    expect(takeFlash(ctx)).toBeUndefined();
  });
});
