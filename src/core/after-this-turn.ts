// Defers work until the I/O callbacks of the current event-loop turn have run, so that the
// requests arriving together can join one group (one commit, one lookup). Node has setImmediate
// for exactly this (setTimeout(0) waits at least 1 ms there); elsewhere a zero timeout.
const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;

export const afterThisTurn: (fn: () => void) => void = immediate ? (fn) => void immediate(fn) : (fn) => void setTimeout(fn, 0);
