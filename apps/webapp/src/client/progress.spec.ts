import { progressText, sentPercent } from './progress';

describe('sentPercent', () => {
  it('rounds down to a whole percent', () => {
    expect(sentPercent(1, 3)).toBe(33);
  });

  it('holds at 99 when every byte is sent but the server has not answered', () => {
    expect(sentPercent(10, 10)).toBe(99);
  });

  it('is 0 when the total is unknown', () => {
    expect(sentPercent(5, 0)).toBe(0);
  });
});

describe('progressText', () => {
  it('shows the bytes sent of the total in human units', () => {
    expect(progressText(1536, 3072)).toBe('1.5 KiB of 3.0 KiB');
  });

  it('never shows more sent than the total (multipart framing counts too)', () => {
    expect(progressText(4000, 3072)).toBe('3.0 KiB of 3.0 KiB');
  });
});
