// Which requests of Ed-Fi's own Postman collections (ODS/API v7.3.2, ../shared/contract/ed-fi-tests/
// postman-ods-v7.3.2/) run against the reference host, which are left out and why, and how the ODS
// sample data they assume is swapped for the host's seeded data. This is the committed list the
// oracle test reads (ed-fi-postman.test.ts); README.md explains it. Every request of the collections
// that touches ed-fi/sessions or ed-fi/courseOfferings must be either run or left out here with a
// reason: the test fails on one that is neither.
//
// Paths are item names joined with '/', from the collection root. A folder path selects everything
// below it; `leaveOut` and `replace` then carve requests out of a selected folder.

export interface LeftOut {
  path: string;
  reason: string;
}

/** A set-up request that writes a resource the host only reads, swapped for a read of seeded data. */
export interface Replacement {
  path: string;
  /** GET below {{ApiBaseUrl}}; the id of the first item found is stored in `setsVariable`. */
  get: string;
  setsVariable: string;
  reason: string;
}

export interface CollectionSelection {
  file: string;
  include: string[];
  leaveOut: LeftOut[];
  replace: Replacement[];
}

/** Text swaps applied to every request body and URL of the selected requests. */
export interface DataSwap {
  find: RegExp;
  replace: string;
  reason: string;
}

const NO_SECTIONS = 'needs ed-fi/sections, which the reference host does not serve';
const NO_COURSE_WRITES = 'ed-fi/courses is read-only on the reference host (seeded courses ALG-01, BIO-02 stand in, see the swaps)';

export const KEY_CHANGES_AND_DELETES: CollectionSelection = {
  file: 'Ed-Fi ODS-API ChangeQueries Key Changes and Deletes Test Suite.postman_collection.json',
  include: ['Key Changes/Sessions', 'Key Changes (Cascading, LastModifiedDate)/Root Entity with Cascade Key Change'],
  leaveOut: [
    { path: 'Key Changes/Sections/Initialization/Obtain CourseOffering for LEA client', reason: `set-up of the Sections key-change scenario, which ${NO_SECTIONS}` },
    { path: 'Key Changes/Sections/Initialization/Obtain CourseOffering for School client', reason: `set-up of the Sections key-change scenario, which ${NO_SECTIONS}` },
    { path: 'Key Changes/StaffSectionAssociations/Initialization/Get CourseOffering', reason: 'set-up of the StaffSectionAssociations scenario, which needs staff, sections and staffSectionAssociations (not served)' },
    {
      path: 'Key Changes/StaffSectionAssociations/Change Section CourseOffering/Get New CourseOffering',
      reason: 'part of the StaffSectionAssociations scenario, which needs staff, sections and staffSectionAssociations (not served)',
    },
    { path: 'Key Changes (Cascading, LastModifiedDate)/Root Entity with Cascade Key Change/Setup/Create Course', reason: NO_COURSE_WRITES },
    { path: 'Key Changes (Cascading, LastModifiedDate)/Root Entity with Cascade Key Change/Teardown/Delete Course', reason: NO_COURSE_WRITES },
  ],
  replace: [],
};

const LINKS_NON_ID = 'Links/Non-Identifying References';
const LINKS_ID = 'Links/Identifying References (with key changes supported)';

export const INTEGRATION: CollectionSelection = {
  file: 'Ed-Fi ODS-API Integration Test Suite.postman_collection.json',
  include: [
    'Data Validation/References/Required References/Invalid (Required reference missing)/Update Course Offering (missing reference)',
    'Data Validation/References/Fully Formed References/Invalid (Reference is partially formed)/Get Course Offering for reference',
    LINKS_NON_ID,
    LINKS_ID,
  ],
  leaveOut: [
    {
      path: 'Data Validation/References/Required References/Valid (Required reference missing, but excluded by Profile)/Update Course Offering (missing excluded reference)',
      reason: 'needs the API Profile resource-with-excluded-required-reference; the reference host serves no Profiles',
    },
    { path: `${LINKS_NON_ID}/Teardown/Delete Course 1`, reason: NO_COURSE_WRITES },
    { path: `${LINKS_NON_ID}/Teardown/Delete Course 2`, reason: NO_COURSE_WRITES },
    { path: `${LINKS_ID}/Section with CourseOffering reference`, reason: `the folder's five requests check section links, which ${NO_SECTIONS}` },
    { path: `${LINKS_ID}/Teardown/Delete Course 1`, reason: NO_COURSE_WRITES },
    { path: `${LINKS_ID}/Teardown/Delete Course 2`, reason: NO_COURSE_WRITES },
  ],
  replace: [
    { path: `${LINKS_NON_ID}/Setup/Create Course 1`, get: '/data/v3/ed-fi/courses?courseCode=ALG-01&educationOrganizationId=255901001', setsVariable: 'known:course:id:1', reason: NO_COURSE_WRITES },
    { path: `${LINKS_NON_ID}/Setup/Create Course 2`, get: '/data/v3/ed-fi/courses?courseCode=BIO-02&educationOrganizationId=255901001', setsVariable: 'known:course:id:2', reason: NO_COURSE_WRITES },
    { path: `${LINKS_ID}/Setup/Create Course 1`, get: '/data/v3/ed-fi/courses?courseCode=ALG-01&educationOrganizationId=255901001', setsVariable: 'known:course:id:1', reason: NO_COURSE_WRITES },
    { path: `${LINKS_ID}/Setup/Create Course 2`, get: '/data/v3/ed-fi/courses?courseCode=BIO-02&educationOrganizationId=255901001', setsVariable: 'known:course:id:2', reason: NO_COURSE_WRITES },
  ],
};

export const SELECTIONS: CollectionSelection[] = [KEY_CHANGES_AND_DELETES, INTEGRATION];

/**
 * ODS's Grand Bend sample data → the host's seed (host/db/seed-data.ts). The host seeds grading
 * periods for school years 2024..2026 named "{y-1}-{y} Six Weeks N" and courses ALG-01, BIO-02,
 * LIT-03 for every school; the collections assume 2022's exam periods and courses they POST.
 */
export const DATA_SWAPS: DataSwap[] = [
  { find: /("schoolYear"\s*:\s*)2022\b/g, replace: '$12025', reason: 'the host seeds grading periods for 2024..2026 only' },
  { find: /2021-2022 Fall Semester Exam 1/g, replace: '2024-2025 Six Weeks 1', reason: 'seeded grading period of First Six Weeks, 2025' },
  { find: /2021-2022 Fall Semester Exam 2/g, replace: '2024-2025 Six Weeks 2', reason: 'seeded grading period of Second Six Weeks, 2025' },
  { find: /2021-2022 Fall Semester Final Exam/g, replace: '2024-2025 Six Weeks 3', reason: 'seeded grading period of Third Six Weeks, 2025' },
  { find: /"(XYZ-001|TEST-01)"/g, replace: '"ALG-01"', reason: 'courses the collections POST first; ALG-01 is seeded' },
  { find: /"TEST-02"/g, replace: '"BIO-02"', reason: 'a second course the collection POSTs first; BIO-02 is seeded' },
];

/** Ed-Fi's client names in the collections' token scripts → the host's client roles (else full). */
export const CLIENT_ROLES_BY_SUFFIX: Record<string, 'full' | 'otherSchool'> = {
  '255901': 'full',
  '255901044': 'otherSchool',
};
