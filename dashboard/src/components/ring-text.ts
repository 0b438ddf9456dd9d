import type { Outcome } from '../../../domain/identification';

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  known: 'Known visitor',
  unknown: 'Unknown visitor',
  'no-face': 'No face seen',
  unavailable: 'Not identified',
};

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function dateTimeOf(iso: string): string {
  return new Date(iso).toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
