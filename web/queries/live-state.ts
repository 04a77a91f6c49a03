// Whether the live-updates long-poll (events.ts) is answering. While it is, queries need not poll;
// when it fails they fall back to their own intervals. A module flag, not React state: it is read
// by `refetchInterval` functions, which run outside any component.
let live = false

export const isLive = () => live
export const setLive = (value: boolean) => void (live = value)
