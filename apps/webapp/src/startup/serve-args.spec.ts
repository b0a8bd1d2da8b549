import { serveArgsAsEnv, serveMalwareScan } from './serve-args';

describe('serveArgsAsEnv', () => {
  it('leaves PORT alone without flags', () => {
    expect(serveArgsAsEnv([])).toEqual({});
  });

  it('turns --port into PORT, in either spelling', () => {
    expect([serveArgsAsEnv(['--port=3001']), serveArgsAsEnv(['--port', '0'])]).toEqual([{ PORT: '3001' }, { PORT: '0' }]);
  });

  it('rejects a port that is not a whole number from 0 to 65535, naming the flag and value', () => {
    expect(() => serveArgsAsEnv(['--port=70000'])).toThrow('--port must be a whole number from 0 to 65535, got "70000"');
  });

  it('rejects an unknown flag', () => {
    expect(() => serveArgsAsEnv(['--prot=1'])).toThrow(/prot/);
  });
});

describe('serveMalwareScan', () => {
  it('is off without --malware-scan', () => {
    expect(serveMalwareScan(['--port=0'])).toBeUndefined();
  });

  it('reads the scan flags beside --port', () => {
    expect(serveMalwareScan(['--port=0', '--malware-scan', '--scan-unscannable=allow', '--scan-delay-ms=5'])).toEqual({
      unscannable: 'allow',
      delayMs: 5,
    });
  });
});
