import { useEffect, useState } from 'preact/hooks';

/**
 * Whether the clock is still before `deadline` (epoch ms); re-renders once, at the deadline itself, rather than on
 * a periodic tick, so that what expires (a ring's quick replies) goes away when the server stops accepting it.
 */
export function useBefore(deadline: number): boolean {
  const [before, setBefore] = useState(() => Date.now() < deadline);
  useEffect(() => {
    const remaining = deadline - Date.now();
    setBefore(remaining > 0);
    if (!(remaining > 0)) return undefined;
    const timer = setTimeout(() => setBefore(false), remaining);
    return () => clearTimeout(timer);
  }, [deadline]);
  return before;
}
