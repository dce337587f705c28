/**
 * Files the app reads beside its code (reference data, fonts, migrations, the simulator's page),
 * found from the project's root folder. This module sits one folder below the root, as does the
 * compiled dist/main.js it is bundled into (scripts/build.mjs): `../` is the root from both, so the
 * same paths hold under tsx (development, tests) and in production.
 */
const PROJECT_ROOT = new URL('../', import.meta.url);

/** A file or folder (ending in `/`) of the project, by its path from the root. */
export const projectFile = (path: string): URL => new URL(path, PROJECT_ROOT);
