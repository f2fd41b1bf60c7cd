/** 2006-01-02T15:04:05Z: RFC 3339 in whole seconds, as Go's metav1.Time writes it (toISOString adds milliseconds). */
export function rfc3339Seconds(time: Date): string {
  return new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** "in 59 min", "3 h ago", "364 days": enough to see at a glance whether something is about to expire. */
export function relativeTime(time: Date, now: Date): string {
  const minutes = Math.abs(Math.round((time.getTime() - now.getTime()) / 60_000));
  const span = minutes < 120 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.round(minutes / 60)} h` : `${Math.round(minutes / 1440)} days`;
  return time >= now ? `in ${span}` : `${span} ago`;
}
