import { absoluteTime, humanSize, instanceHue, relativeTime } from './format';

const NOW = Date.parse('2024-05-01T12:00:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('humanSize', () => {
  it('shows bytes below 1 KiB without decimals', () => {
    expect(humanSize(512)).toBe('512 B');
  });

  it('shows one decimal below 10 units', () => {
    expect(humanSize(1536)).toBe('1.5 KiB');
  });

  it('shows no decimals from 10 units up', () => {
    expect(humanSize(50 * 1024 * 1024)).toBe('50 MiB');
  });
});

describe('absoluteTime', () => {
  it('shows the UTC date and minute', () => {
    expect(absoluteTime('2024-05-01T12:03:04.567Z')).toBe('2024-05-01 12:03 UTC');
  });

  it('returns text it cannot parse unchanged', () => {
    expect(absoluteTime('soon')).toBe('soon');
  });
});

describe('relativeTime', () => {
  it('says "just now" for the last few seconds', () => {
    expect(relativeTime(ago(10), NOW)).toBe('just now');
  });

  it('says "just now" for a time slightly in the future (clock skew)', () => {
    expect(relativeTime(ago(-5), NOW)).toBe('just now');
  });

  it('counts minutes', () => {
    expect(relativeTime(ago(5 * 60), NOW)).toBe('5 minutes ago');
  });

  it('counts hours', () => {
    expect(relativeTime(ago(3 * 3600), NOW)).toBe('3 hours ago');
  });

  it('says "yesterday" for one day', () => {
    expect(relativeTime(ago(26 * 3600), NOW)).toBe('yesterday');
  });

  it('returns text it cannot parse unchanged', () => {
    expect(relativeTime('soon', NOW)).toBe('soon');
  });
});

describe('instanceHue', () => {
  it('gives the same id the same slot', () => {
    expect(instanceHue('web-1')).toBe(instanceHue('web-1'));
  });

  it('gives web-1 and web-2 different slots', () => {
    expect(instanceHue('web-1')).not.toBe(instanceHue('web-2'));
  });

  it('stays within six slots', () => {
    expect(instanceHue('i-0123456789abcdef0 (eu-west-1a)')).toBeLessThan(6);
  });
});
