// The index of area catalogues, in English: one line per area file in this
// folder. Adding an area is its file plus its line here, and its German in
// de/ (file and line in de/index.ts).

export { default as about } from './about';
export { default as admin } from './admin';
export { default as billing } from './billing';
export { default as common } from './common';
export { default as errors } from './errors';
export { default as comms } from './comms';
export { default as format } from './format';
export { default as notices } from './notices';
export { default as privacy } from './privacy';
export { default as profile } from './profile';
export { default as sections } from './sections';
export { default as security } from './security';
export { default as shell } from './shell';
export { default as shellErrors } from './shellErrors';
export { default as staff } from './staff';
export { default as start } from './start';
export { default as support } from './support';
export { default as team } from './team';
