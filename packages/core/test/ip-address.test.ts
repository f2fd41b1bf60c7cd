import * as net from 'node:net';
import * as fc from 'fast-check';
import { isIPv4, isIPv6 } from '../src/ip-address';

// The core checks addresses without node:net (src/ip-address.ts); it must answer exactly as node:net does.
describe('IP address syntax, without node:net', () => {
  const agrees = (text: string) => {
    expect([isIPv4(text), isIPv6(text)]).toEqual([net.isIPv4(text), net.isIPv6(text)]);
  };

  it('answers as node:net for the addresses a Pod sees, and for near misses', () => {
    for (const text of [
      '10.96.0.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '01.2.3.4', '1.2.3.4 ', '',
      '::1', '::', 'fd00:10:96::1', '2001:db8::ffff:10.96.0.1', 'fe80::1%eth0', '[::1]', '1::2::3', 'kubernetes.default.svc',
    ]) {
      agrees(text);
    }
  });

  it('answers as node:net for any IPv4 or IPv6 address, and any string', () => {
    fc.assert(fc.property(fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), fc.string(), fc.stringMatching(/^[0-9a-f:.%]{0,45}$/)), agrees), { numRuns: 5_000 });
  });
});
