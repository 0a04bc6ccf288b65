// Named seams a fault may flip. Handlers consult these flags; they never test a fault id.
// Each flag defaults to the faithful behaviour. Add a seam here (with a comment naming the
// behaviour it breaks) when a fault cannot be expressed as a request/response transform.
export interface HostSeams {
  /** Skip the If-Match comparison on writes (a host that ignores optimistic locking). */
  ignoreIfMatch: boolean;
  /** Do not draw a new change version when a session is updated. */
  freezeChangeVersionOnUpdate: boolean;
  /** Bump lastModifiedDate (and so the ETag) even when an upsert changes nothing. */
  touchOnNoOpUpsert: boolean;
}

export function faithfulSeams(): HostSeams {
  return { ignoreIfMatch: false, freezeChangeVersionOnUpdate: false, touchOnNoOpUpsert: false };
}
