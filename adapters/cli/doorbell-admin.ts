/**
 * What an operator does to a doorbell: the local one over its operator API (AdminClient), a deployed one with the
 * operator's AWS credentials (infrastructure/cli/stack-admin.ts). Results are plain JSON data in both cases.
 */
export interface IssuedToken {
  readonly token: string;
  readonly device: { readonly id: string; readonly name: string; readonly role: string; readonly door?: string };
  readonly expiresAt: string;
}

export interface VisitorSummary {
  readonly name: string;
  readonly trusted: boolean;
  readonly faceIds: readonly string[];
}

/** A webhook as listed (never its secret). */
export interface WebhookListing {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly createdAt: number;
  readonly consecutiveFailures: number;
  readonly disabledAt?: number;
  readonly lastDelivery?: { readonly at: number; readonly outcome: string; readonly ok: boolean };
}

export type AddedWebhook = { kind: 'added'; webhook: WebhookListing; secret: string } | { kind: 'rejected'; reason: string };

export interface DoorbellAdmin {
  issueToken(body: { role: 'resident' | 'doorbell'; name: string; door?: string; deviceId?: string }): Promise<IssuedToken>;
  enroll(body: { name: string; trusted?: boolean; photos: string[] }): Promise<Record<string, unknown>>;
  forget(name: string): Promise<{ kind: string }>;
  visitors(): Promise<{ visitors: VisitorSummary[] }>;
  history(limit?: number): Promise<{ rings: Record<string, unknown>[] }>;
  addWebhook(body: { url: string; events?: string[] }): Promise<AddedWebhook>;
  webhooks(): Promise<{ webhooks: WebhookListing[] }>;
  removeWebhook(id: string): Promise<{ kind: string }>;
  enableWebhook(id: string): Promise<{ kind: string; webhook?: WebhookListing }>;
}
