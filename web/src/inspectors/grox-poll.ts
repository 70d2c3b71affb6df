/** How often the Grox monitor re-reads the stats; its own module so the e2e spec can wait one period. */
export const GROX_POLL_MS = 5000
