import { endpointUrl } from './local-server';

describe('endpointUrl', () => {
  it('uses the bound address', () => {
    expect(endpointUrl('127.0.0.1', 4567)).toBe('http://127.0.0.1:4567');
  });

  it('maps a wildcard IPv4 bind to loopback', () => {
    expect(endpointUrl('0.0.0.0', 4567)).toBe('http://127.0.0.1:4567');
  });

  it('brackets an IPv6 address and maps its wildcard to loopback', () => {
    expect(endpointUrl('::', 4567)).toBe('http://[::1]:4567');
  });
});
