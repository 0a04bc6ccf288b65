// ed-fi/sections as the router sees it (handlers.ts): a dependent of course offerings, served
// minimally (POST, GET by id, DELETE by id).
export { deleteSectionById, getSectionById, postSection, SECTIONS_PATH } from './handlers.js';
