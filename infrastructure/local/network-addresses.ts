import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/** Addresses that mean "every interface of this machine": a server can listen on them, a link can't point there. */
export const isWildcardHost = (host: string): boolean => host === '0.0.0.0' || host === '::';

/**
 * This machine's IPv4 addresses on its networks (loopback and link-local left out), in the order the system lists
 * them: where a phone on the home network reaches it.
 */
export function lanAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  return Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => info.family === 'IPv4' && !info.internal && !info.address.startsWith('169.254.'))
    .map((info) => info.address);
}

/**
 * Where links (the WebSocket URL, the dashboard, snapshots) point for a server listening on `host`: the host itself;
 * for every interface, the first network address (127.0.0.1 when there is none), the others listed besides.
 */
export function linkHosts(host: string, lan: readonly string[]): { readonly primary: string; readonly others: readonly string[] } {
  if (!isWildcardHost(host)) return { primary: host, others: [] };
  const [primary = '127.0.0.1', ...others] = lan;
  return { primary, others };
}

/** `https://192.168.1.20:8443`, `http://[::1]:8080`: an origin for a host (IPv6 in brackets) and port. */
export function originOf(scheme: 'http' | 'https', host: string, port: string | number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
