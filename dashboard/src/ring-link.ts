/** Links to one ring (`#ring=<ringId>`), what a notification click opens. No Preact: tests import it. */

/** The ring a `#ring=<ringId>` fragment points at (what a notification click opens), if any. */
export function ringIdOf(hash: string): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('ring') || undefined;
}

/**
 * The live cards to show: the rings that arrived while the page was open, and the ring the page was opened on
 * (first), so it can still be answered here while its answer window is open.
 */
export function withLinkedRing(liveRingIds: readonly string[], linked: string | undefined): readonly string[] {
  return linked === undefined || liveRingIds.includes(linked) ? liveRingIds : [linked, ...liveRingIds];
}
