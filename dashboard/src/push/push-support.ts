/** Whether this page can get push notifications, and if not, why, in words a homeowner can act on. */
export type PushSupport =
  | { readonly kind: 'supported' }
  /** Push needs a secure context: https://, or localhost on the machine itself. */
  | { readonly kind: 'insecure' }
  | { readonly kind: 'unsupported'; readonly missing: string };

/** The parts of the page's global scope the check reads (a parameter, so tests can hand it any browser's shape). */
export interface BrowserScope {
  readonly isSecureContext: boolean;
  readonly navigator: object;
  readonly [name: string]: unknown;
}

export function pushSupport(scope: BrowserScope): PushSupport {
  if (!scope.isSecureContext) return { kind: 'insecure' };
  if (!('serviceWorker' in scope.navigator)) return { kind: 'unsupported', missing: 'service workers' };
  if (!('PushManager' in scope)) return { kind: 'unsupported', missing: 'Web Push' };
  if (!('Notification' in scope)) return { kind: 'unsupported', missing: 'notifications' };
  return { kind: 'supported' };
}

export function unsupportedMessage(support: Exclude<PushSupport, { kind: 'supported' }>): string {
  if (support.kind === 'insecure') {
    return (
      'Notifications need a secure page: open the dashboard at its https:// address ' +
      '(http:// works only on the computer that runs the doorbell, as localhost).'
    );
  }
  return (
    `This browser can't notify you from a web page (it has no ${support.missing}). ` +
    'On an iPhone or iPad, add the dashboard to the Home Screen first (Share, then "Add to Home Screen") and switch this on there.'
  );
}

export const PERMISSION_DENIED_MESSAGE =
  "Notifications are blocked for this site. Allow them in the browser's site settings (the icon beside the address, or " +
  'Settings → Site settings → Notifications; on a phone, also in the system settings for the browser or the installed app), ' +
  'then switch this on again.';

export const PERMISSION_DISMISSED_MESSAGE = 'Notifications were not allowed. Switch this on again and choose "Allow".';
