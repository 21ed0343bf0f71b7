/** Files larger than this are skipped with a notice: no hand-written infrastructure file is this big. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
