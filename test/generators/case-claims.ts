// What each semantic and transport case claims about its request, as executable predicates:
// the catalogue test requires one per case, so a new case cannot arrive without its proof.
import type { InvalidRequest, SessionPayload, SessionRefs } from '../../generators/index.js';

type Claim = (req: InvalidRequest, valid: SessionPayload, refs: SessionRefs) => boolean;
type Body = Record<string, any>;

const body = (req: InvalidRequest): Body => req.json as Body;
const gp0 = (req: InvalidRequest) => body(req).gradingPeriods?.[0]?.gradingPeriodReference;
const aw0 = (req: InvalidRequest) => body(req).academicWeeks?.[0]?.academicWeekReference;
const noChildren = (req: InvalidRequest) => (body(req).gradingPeriods ?? []).length === 0 && (body(req).academicWeeks ?? []).length === 0;
const sameGp = (a: Body, b: Body) =>
  a.gradingPeriodDescriptor === b.gradingPeriodDescriptor && a.gradingPeriodName === b.gradingPeriodName && a.schoolId === b.schoolId && a.schoolYear === b.schoolYear;
const wellFormed = (d: unknown) => typeof d === 'string' && /^[^#]+#.+$/.test(d);
const decodesAsUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};
const bytesOf = (b: InvalidRequest['body']) => (typeof b === 'string' ? new TextEncoder().encode(b) : (b ?? new Uint8Array()));
const parses = (b: InvalidRequest['body']) => {
  try {
    JSON.parse(new TextDecoder().decode(bytesOf(b)));
    return true;
  } catch {
    return false;
  }
};
const isValidSessionJson = (b: InvalidRequest['body'], valid: SessionPayload) =>
  decodesAsUtf8(bytesOf(b)) && JSON.stringify(JSON.parse(new TextDecoder().decode(bytesOf(b)))) === JSON.stringify(valid);

export const semanticClaims: Record<string, Claim> = {
  'termDescriptor.unknownCodeValue': (r, _v, refs) => wellFormed(body(r).termDescriptor) && !refs.termDescriptors.includes(body(r).termDescriptor),
  'termDescriptor.unknownNamespace': (r, _v, refs) => wellFormed(body(r).termDescriptor) && !refs.termDescriptors.includes(body(r).termDescriptor),
  'gradingPeriodDescriptor.unknownCodeValue': (r, _v, refs) =>
    wellFormed(gp0(r).gradingPeriodDescriptor) && !refs.gradingPeriods.some((g) => g.gradingPeriodDescriptor === gp0(r).gradingPeriodDescriptor),
  'schoolReference.unknown': (r, _v, refs) =>
    noChildren(r) && ![refs.schoolId, refs.other?.schoolId].includes(body(r).schoolReference.schoolId),
  'schoolYearTypeReference.unknown': (r, _v, refs) =>
    noChildren(r) && ![refs.schoolYear, refs.other?.schoolYear].includes(body(r).schoolYearTypeReference.schoolYear),
  'gradingPeriodReference.unknown': (r, _v, refs) =>
    gp0(r).schoolId === refs.schoolId && gp0(r).schoolYear === refs.schoolYear && !refs.gradingPeriods.some((g) => sameGp(g, gp0(r))),
  'academicWeekReference.unknown': (r, _v, refs) =>
    aw0(r).schoolId === refs.schoolId && !refs.academicWeeks.some((w) => w.weekIdentifier === aw0(r).weekIdentifier),
  'gradingPeriodReference.otherSchool': (r, _v, refs) =>
    gp0(r).schoolId !== refs.schoolId && gp0(r).schoolYear === refs.schoolYear && (refs.other?.gradingPeriods ?? []).some((g) => sameGp(g, gp0(r))),
  'gradingPeriodReference.otherYear': (r, _v, refs) => gp0(r).schoolId === refs.schoolId && gp0(r).schoolYear !== refs.schoolYear,
  'academicWeekReference.otherSchool': (r, _v, refs) =>
    aw0(r).schoolId !== refs.schoolId && (refs.other?.academicWeeks ?? []).some((w) => w.schoolId === aw0(r).schoolId && w.weekIdentifier === aw0(r).weekIdentifier),
  'gradingPeriods.duplicate': (r) => {
    const keys = body(r).gradingPeriods.map((g: Body) => JSON.stringify(g.gradingPeriodReference));
    return keys.length === 2 && keys[0] === keys[1];
  },
  'academicWeeks.duplicate': (r) => {
    const keys = body(r).academicWeeks.map((w: Body) => JSON.stringify(w.academicWeekReference));
    return keys.length === 2 && keys[0] === keys[1];
  },
  'id.inPostBody': (r) => typeof body(r).id === 'string' && /^[0-9a-f]{32}$/.test(body(r).id),
};

export const transportClaims: Record<string, Claim> = {
  'body.empty.post': (r) => bytesOf(r.body).length === 0,
  'body.empty.put': (r) => bytesOf(r.body).length === 0,
  'body.malformedJson': (r) => decodesAsUtf8(bytesOf(r.body)) && !parses(r.body),
  'body.missingComma': (r) => decodesAsUtf8(bytesOf(r.body)) && !parses(r.body) && parses(new TextDecoder().decode(bytesOf(r.body)).replace(' "schoolReference"', ',"schoolReference"')),
  'body.notUtf8': (r) => !decodesAsUtf8(bytesOf(r.body)) && r.contentType === 'application/json',
  // Media-type cases carry a perfectly valid session: only the header is wrong.
  'contentType.textPlain': (r, v) => isValidSessionJson(r.body, v) && r.contentType === 'text/plain',
  'contentType.xml': (r, v) => isValidSessionJson(r.body, v) && r.contentType === 'application/xml',
  'contentType.missing': (r, v) => isValidSessionJson(r.body, v) && r.contentType === null && r.body instanceof Uint8Array,
};
