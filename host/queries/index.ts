// The read side of the sessions resource and change queries, as Handlers for the router.
export { listSessions } from './list-sessions.js';
export { sessionPartitions } from './partitions.js';
export { sessionDeletes, sessionKeyChanges, featureDisabled } from './tracked-changes.js';
export { availableChangeVersions } from './available-change-versions.js';
export { loadSessions, renderSession, type LoadedSession, type SessionResource } from './render-session.js';
export { readSource, wantsSnapshot } from './read-source.js';
