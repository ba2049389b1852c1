// SPEC §4: a Zalo consultation message may go only to someone who interacted in the last 7 days.

export const ZALO_WINDOW_MS = 7 * 24 * 3600_000;
/** Margin so a message queued at the edge of the window is not rejected in flight. */
const MARGIN_MS = 5 * 60_000;

export function isInsideZaloWindow(lastInboundAt: Date | null | undefined, now: Date): boolean {
  if (!lastInboundAt) return false;
  return now.getTime() - lastInboundAt.getTime() < ZALO_WINDOW_MS - MARGIN_MS;
}

export const ZALO_OUTSIDE_WINDOW = 'zalo_outside_window';
