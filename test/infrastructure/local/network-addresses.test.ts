import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isWildcardHost, lanAddresses, linkHosts, originOf } from '../../../infrastructure/local/network-addresses';
import { certificateNames } from '../../../infrastructure/local/tls-credentials';
import { testCertificate } from '../../support/test-certificate';

const address = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal }) as NetworkInterfaceInfo;

describe('where links point', () => {
  const interfaces = {
    lo: [address('127.0.0.1', 'IPv4', true), address('::1', 'IPv6', true)],
    eth0: [address('192.168.1.20', 'IPv4'), address('fe80::1', 'IPv6')],
    wlan0: [address('169.254.3.4', 'IPv4'), address('10.0.0.7', 'IPv4')],
  };

  it("lists the machine's IPv4 network addresses, without loopback and link-local ones", () => {
    expect(lanAddresses(interfaces)).toEqual(['192.168.1.20', '10.0.0.7']);
  });

  it('points at the host itself, or, listening on every interface, at the first network address with the others besides', () => {
    expect(linkHosts('127.0.0.1', ['192.168.1.20'])).toEqual({ primary: '127.0.0.1', others: [] });
    expect(linkHosts('192.168.1.20', ['192.168.1.20', '10.0.0.7'])).toEqual({ primary: '192.168.1.20', others: [] });
    expect(linkHosts('0.0.0.0', ['192.168.1.20', '10.0.0.7'])).toEqual({ primary: '192.168.1.20', others: ['10.0.0.7'] });
    expect(linkHosts('::', [])).toEqual({ primary: '127.0.0.1', others: [] });
    expect([isWildcardHost('0.0.0.0'), isWildcardHost('::'), isWildcardHost('localhost')]).toEqual([true, true, false]);
  });

  it('writes origins with IPv6 addresses in brackets', () => {
    expect(originOf('https', '192.168.1.20', 8443)).toBe('https://192.168.1.20:8443');
    expect(originOf('http', '::1', '8080')).toBe('http://[::1]:8080');
  });

  it('takes the names and addresses a certificate is valid for', async () => {
    expect(certificateNames((await testCertificate()).cert)).toEqual(['localhost', 'doorbell.test', '127.0.0.1']);
  });
});
