import { growthRows } from './listing-rows';
import { summarize } from './stats';

const bySize = [
  { size: '100', latency: summarize([10, 20, 30]) },
  { size: '10000', latency: summarize([11, 21, 31]) },
  { size: '10000+10000 hidden', latency: summarize([12, 24, 36]) },
];

describe('growthRows', () => {
  it('gives the p50 and p99 at each size', () => {
    expect(growthRows('4 listing', 'GET /', bySize).slice(0, 3)).toEqual([
      { item: '4 listing', metric: 'GET / @ 100 p50 / p99', value: '20.0 ms / 30.0 ms' },
      { item: '4 listing', metric: 'GET / @ 10000 p50 / p99', value: '21.0 ms / 31.0 ms' },
      { item: '4 listing', metric: 'GET / @ 10000+10000 hidden p50 / p99', value: '24.0 ms / 36.0 ms' },
    ]);
  });

  it('judges a growth within 1.1x of the first size as met', () => {
    expect(growthRows('4 listing', 'GET /', bySize)[3]).toEqual({
      item: '4 listing',
      metric: 'GET / p50 10000 / 100',
      value: '1.05',
      target: '<= 1.1',
      met: true,
    });
  });

  it('judges a growth past 1.1x as missed', () => {
    expect(growthRows('4 listing', 'GET /', bySize)[4]).toEqual({
      item: '4 listing',
      metric: 'GET / p50 10000+10000 hidden / 100',
      value: '1.20',
      target: '<= 1.1',
      met: false,
    });
  });

  it('gives no growth row for a single size', () => {
    expect(growthRows('4 listing', 'GET /', bySize.slice(0, 1))).toHaveLength(1);
  });
});
