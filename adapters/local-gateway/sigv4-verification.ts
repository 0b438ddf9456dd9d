import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './node-sha256';

/** The key pair the management API's callers sign with (handed by the host only to its own components). */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Why a call to the management API is refused, in API Gateway's words; `verified` when its signature holds. */
export type SignatureCheck =
  | { readonly kind: 'verified' }
  | { readonly kind: 'refused'; readonly errorType: string; readonly message: string };

/** AWS refuses a signature whose X-Amz-Date is further than this from its clock. */
export const MAX_SIGNATURE_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION = new RegExp(
  '^AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request,' +
    '\\s*SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})$',
);

/**
 * Checks a SigV4 header signature (`Authorization: AWS4-HMAC-SHA256 …`) as AWS does: the access key must be the
 * expected one, `X-Amz-Date` within 15 minutes, an `x-amz-content-sha256` the hash of the body, and the signature
 * recomputed over the method, path, query, signed headers and body must match, compared in constant time.
 */
export async function verifySignature(
  request: IncomingMessage,
  body: Uint8Array,
  credentials: SigningCredentials,
  now: number,
): Promise<SignatureCheck> {
  const match = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (!match) return invalidSignature('Authorization header requires Credential, SignedHeaders and Signature.');
  const [, accessKeyId, , region, service, signedHeaderList, signature] = match as unknown as readonly string[] as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (accessKeyId !== credentials.accessKeyId) {
    return { kind: 'refused', errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
  const signingDate = parseAmzDate(String(request.headers['x-amz-date'] ?? ''));
  if (signingDate === undefined) return invalidSignature('Missing or malformed X-Amz-Date.');
  if (Math.abs(now - signingDate.getTime()) > MAX_SIGNATURE_SKEW_MS) return invalidSignature('Signature expired.');

  // The payload hash is the body's own, whatever a header claims: a signed header alone would let a body be swapped.
  const contentSha256 = request.headers['x-amz-content-sha256'];
  if (contentSha256 !== undefined && contentSha256 !== createHash('sha256').update(body).digest('hex')) {
    return invalidSignature('The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const signedHeaders = signedHeaderList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    headers[name] = Array.isArray(value) ? value.join(',') : (value ?? '');
  }
  const url = new URL(request.url ?? '/', 'http://gateway.local');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signer = new SignatureV4({ credentials, region, service, sha256: NodeSha256 });
  const [hostname = '', port] = (request.headers.host ?? '').split(':');
  const expected = await signer.sign(
    {
      method: request.method ?? 'GET',
      protocol: 'http:',
      hostname,
      ...(port === undefined ? {} : { port: Number(port) }),
      path: (request.url ?? '/').split('?')[0] ?? '/',
      query,
      headers,
      body,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const recomputed = /Signature=([0-9a-f]{64})/.exec(String(expected.headers['authorization'] ?? ''))?.[1] ?? '';
  const given = Buffer.from(signature, 'hex');
  const wanted = Buffer.from(recomputed, 'hex');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
    return invalidSignature('The request signature we calculated does not match the signature you provided.');
  }
  return { kind: 'verified' };
}

function invalidSignature(message: string): SignatureCheck {
  return { kind: 'refused', errorType: 'InvalidSignatureException', message };
}

function parseAmzDate(text: string): Date | undefined {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
