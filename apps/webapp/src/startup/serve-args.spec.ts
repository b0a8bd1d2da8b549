import { serveArgsAsEnv } from './serve-args';

describe('serveArgsAsEnv', () => {
  it('leaves PORT alone without flags', () => {
    expect(serveArgsAsEnv([])).toEqual({});
  });

  it('turns --port into PORT, in either spelling', () => {
    expect([serveArgsAsEnv(['--port=3001']), serveArgsAsEnv(['--port', '0'])]).toEqual([
      { PORT: '3001' },
      { PORT: '0' },
    ]);
  });

  it('rejects a port that is not a whole number from 0 to 65535, naming the flag and value', () => {
    expect(() => serveArgsAsEnv(['--port=70000'])).toThrow(
      '--port must be a whole number from 0 to 65535, got "70000"',
    );
  });

  it('rejects an unknown flag', () => {
    expect(() => serveArgsAsEnv(['--prot=1'])).toThrow(/prot/);
  });
});
