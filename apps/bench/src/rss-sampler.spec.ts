import { statusFieldBytes } from './rss-sampler';

const status = ['Name:\tnode', 'VmHWM:\t  204800 kB', 'VmRSS:\t  102400 kB', 'Threads:\t11'].join('\n');

describe('statusFieldBytes', () => {
  it('reads VmRSS in bytes', () => {
    expect(statusFieldBytes(status, 'VmRSS')).toBe(100 * 1024 * 1024);
  });

  it('reads VmHWM in bytes', () => {
    expect(statusFieldBytes(status, 'VmHWM')).toBe(200 * 1024 * 1024);
  });

  it('is undefined when the field is absent, as for a kernel thread', () => {
    expect(statusFieldBytes('Name:\tkthreadd', 'VmRSS')).toBeUndefined();
  });
});
