import type { FrontEnd } from '../types';

/** In classification order: the first front end that claims a file lints it. */
export const FRONT_ENDS: readonly FrontEnd[] = [];
