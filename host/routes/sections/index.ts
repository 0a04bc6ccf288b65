// ed-fi/sections as the router sees it: a dependent of course offerings, served minimally (POST,
// GET-many over table.ts, GET by id, DELETE by id: handlers.ts).
import type { Handler } from '../../http/types.js';
import { listTable } from '../../queries/table-list.js';
import { sectionTable } from './table.js';

export { deleteSectionById, getSectionById, postSection, SECTIONS_PATH } from './handlers.js';

export const listSections: Handler = listTable(sectionTable);
