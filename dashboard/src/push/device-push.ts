import type { ClientFrame } from '../../../domain/protocol/client-messages';
import type { ServerMessage } from '../../../domain/protocol/server-messages';
import type { DeviceSettings } from '../connection/device-settings';
import { forgetDeviceCredentials, saveDeviceCredentials } from './device-credentials';
import type { PushKeyMessage, PushSubscriptionsMessage } from '../../../domain/protocol/server-messages';
import { isPushKey, isPushSubscriptions, type DeviceSubscription } from './push-frames';
import { PERMISSION_DENIED_MESSAGE, PERMISSION_DISMISSED_MESSAGE } from './push-support';

/** The part of DeviceConnection the push flows use. */
export interface PushChannel {
  request(message: ClientFrame, accepts: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage | undefined>;
}

export type PushOutcome =
  | { readonly kind: 'subscriptions'; readonly subscriptions: readonly DeviceSubscription[] }
  | { readonly kind: 'failed'; readonly message: string };

/** How long to wait for the service worker to be running before saying so. */
const WORKER_READY_MS = 10_000;

/** Sends a push frame and waits for the reply it expects, or the server's error. */
async function ask<T extends PushKeyMessage | PushSubscriptionsMessage>(
  channel: PushChannel,
  frame: ClientFrame<'pushKey' | 'subscribePush' | 'unsubscribePush' | 'pushSubscriptions'>,
  wanted: (message: ServerMessage) => message is T,
): Promise<T | { readonly kind: 'failed'; readonly message: string }> {
  const reply = await channel.request(frame, (message) => wanted(message) || message.type === 'error');
  if (reply === undefined) return { kind: 'failed', message: 'The doorbell did not answer. Check the connection and try again.' };
  if (wanted(reply)) return reply;
  return { kind: 'failed', message: `The doorbell refused: ${reply.type === 'error' ? reply.message : 'unexpected reply'}.` };
}

function listed(reply: PushSubscriptionsMessage | { readonly kind: 'failed'; readonly message: string }): PushOutcome {
  return 'kind' in reply ? reply : { kind: 'subscriptions', subscriptions: reply.subscriptions };
}

/** This device's subscriptions as the server knows them. */
export async function listSubscriptions(channel: PushChannel): Promise<PushOutcome> {
  return listed(await ask(channel, { action: 'pushSubscriptions' }, isPushSubscriptions));
}

/** Forgets a subscription of this device on the server (the browser that holds it is told by the push service). */
export async function removeSubscription(channel: PushChannel, endpoint: string): Promise<PushOutcome> {
  if (endpoint === (await browserSubscription())?.endpoint) return switchOff(channel);
  return listed(await ask(channel, { action: 'unsubscribePush', endpoint }, isPushSubscriptions));
}

/** This browser's push subscription for the dashboard, if any. */
export async function browserSubscription(): Promise<PushSubscription | undefined> {
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription()) ?? undefined;
}

/**
 * "Notify this device" switched on. Must start in the click (browsers grant permission only to a user gesture):
 * asks permission, subscribes this browser with the server's key, gives the service worker what it needs to answer
 * (credentials), and registers the subscription with the server.
 */
export async function switchOn(channel: PushChannel, settings: DeviceSettings): Promise<PushOutcome> {
  const permission = await Notification.requestPermission();
  if (permission === 'denied') return { kind: 'failed', message: PERMISSION_DENIED_MESSAGE };
  if (permission !== 'granted') return { kind: 'failed', message: PERMISSION_DISMISSED_MESSAGE };
  const registration = await Promise.race([
    navigator.serviceWorker.ready,
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), WORKER_READY_MS)),
  ]);
  if (!registration) return { kind: 'failed', message: "The dashboard's service worker is not running. Reload the page and try again." };

  const key = await ask(channel, { action: 'pushKey' }, isPushKey);
  if ('kind' in key) return key;
  let subscription: PushSubscription;
  try {
    // A subscription made with another key (the server's keys were renewed) must go before a new one can be made.
    const existing = await registration.pushManager.getSubscription();
    if (existing && !sameKey(existing, key.publicKey)) await existing.unsubscribe();
    subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key.publicKey });
  } catch (error) {
    return { kind: 'failed', message: `This browser could not subscribe to notifications: ${(error as Error).message}` };
  }
  try {
    await saveDeviceCredentials(settings);
  } catch {
    // Without stored credentials notifications still arrive; only answering from them needs the dashboard open.
  }
  const reply = listed(await ask(channel, { action: 'subscribePush', subscription: { ...subscription.toJSON() } }, isPushSubscriptions));
  if (reply.kind === 'failed') await subscription.unsubscribe().catch(() => false);
  return reply;
}

/** "Notify this device" switched off: this browser unsubscribes, forgets the credentials, and the server forgets it. */
export async function switchOff(channel: PushChannel): Promise<PushOutcome> {
  const subscription = await browserSubscription();
  await subscription?.unsubscribe().catch(() => false);
  await forgetDeviceCredentials().catch(() => undefined);
  if (!subscription) return listSubscriptions(channel);
  return listed(await ask(channel, { action: 'unsubscribePush', endpoint: subscription.endpoint }, isPushSubscriptions));
}

/** Keeps the service worker's copy of the URL and token current while notifications are on (a new token, say). */
export async function refreshCredentials(settings: DeviceSettings): Promise<void> {
  if (await browserSubscription()) await saveDeviceCredentials(settings);
}

function sameKey(subscription: PushSubscription, publicKey: string): boolean {
  const key = subscription.options.applicationServerKey;
  if (!key) return false;
  const bytes = new Uint8Array(key);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/u, '') === publicKey.replace(/=+$/u, '');
}
