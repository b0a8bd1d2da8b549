import { HelpRequested, parseCli, UsageError, wholeNumber } from './cli';

const SPEC = { options: { port: { type: 'string' }, sticky: { type: 'boolean' } } } as const;

describe('parseCli', () => {
  it('returns the typed flags it was given', () => {
    expect(parseCli(['--port=8080', '--sticky'], SPEC).values).toEqual({ port: '8080', sticky: true });
  });

  it('refuses an unknown flag as a usage error naming it', () => {
    expect(() => parseCli(['--prot=1'], SPEC)).toThrow(UsageError);
    expect(() => parseCli(['--prot=1'], SPEC)).toThrow("Unknown option '--prot'");
  });

  it('refuses positionals unless the spec allows them', () => {
    expect(() => parseCli(['roll'], SPEC)).toThrow(UsageError);
    expect(parseCli(['roll'], { ...SPEC, allowPositionals: true }).positionals).toEqual(['roll']);
  });

  it('turns --help into HelpRequested whatever else is on the line', () => {
    expect(() => parseCli(['--bogus', '--help'], SPEC)).toThrow(HelpRequested);
  });
});

describe('wholeNumber', () => {
  it('accepts a whole number within the bounds', () => {
    expect(wholeNumber('--instances', '16', 1, 16)).toBe(16);
  });

  it('refuses a value out of bounds, naming the flag and the value', () => {
    expect(() => wholeNumber('--instances', '17', 1, 16)).toThrow(
      new UsageError('--instances must be a whole number from 1 to 16, got "17"'),
    );
  });

  it('refuses a fraction as a usage error', () => {
    expect(() => wholeNumber('--port', '1.5', 0, 65_535)).toThrow(UsageError);
  });
});
