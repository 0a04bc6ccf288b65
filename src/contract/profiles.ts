// The behaviour profiles a run can judge by. Declared here, in the contract layer, because both
// the suite (src/requirements, src/profiles/register.ts) and the generators' catalogue (which may
// import src/contract only) speak of them; one declaration keeps the two from drifting apart.

/** ODS/API 7.3, the Ed-Fi Data Management Service, or only what the Ed-Fi API guidelines require. */
export type Profile = 'ods-7.3' | 'dms' | 'guidelines';

export const PROFILES: readonly Profile[] = ['ods-7.3', 'dms', 'guidelines'];
