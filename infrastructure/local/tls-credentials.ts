import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import type { TlsCredentials } from '../../adapters/local-gateway/gateway-options';

/** A certificate or key that cannot be read or used; the message says which file and why. */
export class TlsCredentialsError extends Error {}

/**
 * The certificate and key `doorbell start --tls-cert FILE --tls-key FILE` serves with, read and checked before
 * anything starts: both readable, PEM, and a matching pair (Node's TLS would otherwise fail at the first client).
 * @throws TlsCredentialsError naming the file that cannot be read, or saying the pair is not usable.
 */
export async function readTlsCredentials(certFile: string, keyFile: string): Promise<TlsCredentials> {
  const read = (file: string, what: string) =>
    readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new TlsCredentialsError(`Cannot read the TLS ${what} ${file} (${error.code ?? error.message}).`);
    });
  const [cert, key] = await Promise.all([read(certFile, 'certificate'), read(keyFile, 'key')]);
  try {
    new X509Certificate(cert);
  } catch {
    throw new TlsCredentialsError(`${certFile} is not a PEM certificate (-----BEGIN CERTIFICATE-----).`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new TlsCredentialsError(`${keyFile} is not the private key of ${certFile}, or not a PEM key (${(error as Error).message}).`);
  }
  return { cert, key };
}

/**
 * The host names and addresses the certificate is valid for (its subject alternative names; wildcard names left
 * out): the addresses a browser can open the page at without a warning, and so the page's own origins.
 */
export function certificateNames(cert: string): string[] {
  const names = new X509Certificate(cert).subjectAltName ?? '';
  return names
    .split(', ')
    .map((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry)?.[1])
    .filter((name): name is string => name !== undefined && !name.includes('*'));
}
