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
  /** Accept bearer tokens after their lifetime ran out (auth step: skip the expiry comparison). */
  acceptExpiredTokens: boolean;
  /** Skip the education-organization (relationship) check: a client scoped to another school
   * may read and write the primary school's sessions. Auth happens inside routing, after the
   * request hook, so no transform can express it. */
  ignoreEducationOrganizationClaims: boolean;
  /** Skip the action check of the sessions claim: a read-only client may POST, PUT and DELETE. */
  ignoreClaimActions: boolean;
}

export function faithfulSeams(): HostSeams {
  return {
    ignoreIfMatch: false,
    freezeChangeVersionOnUpdate: false,
    touchOnNoOpUpsert: false,
    acceptExpiredTokens: false,
    ignoreEducationOrganizationClaims: false,
    ignoreClaimActions: false,
  };
}
