import type { Outcome } from '../../../domain/identification';
import type { RingSummary } from '../../../domain/protocol/server-messages';

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  known: 'Known visitor',
  unknown: 'Unknown visitor',
  'no-face': 'No face seen',
  unavailable: 'Not identified',
};

/** The ring's outcome in words; a ring from a door without a camera says so rather than "Not identified". */
export function outcomeLabel(ring: Pick<RingSummary, 'outcome' | 'reason'>): string {
  return ring.outcome === 'unavailable' && ring.reason === 'no-camera' ? 'No camera at the door' : OUTCOME_LABELS[ring.outcome];
}

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function dateTimeOf(iso: string): string {
  return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
