import type { Outcome } from '../../../domain/identification';

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  known: 'Known visitor',
  unknown: 'Unknown visitor',
  'no-face': 'No face seen',
  unavailable: 'Not identified',
};

/**
 * The ring's outcome in words; a ring from a door without a camera says so rather than "Not identified". Lenient
 * (plain strings) for the service worker, which reads pushes a newer server may send: an unknown outcome has no label.
 */
export function outcomeLabel(ring: { readonly outcome: string; readonly reason?: string | undefined }): string | undefined {
  if (ring.outcome === 'unavailable' && ring.reason === 'no-camera') return 'No camera at the door';
  return (OUTCOME_LABELS as Readonly<Record<string, string>>)[ring.outcome];
}

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function dateTimeOf(iso: string): string {
  return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
