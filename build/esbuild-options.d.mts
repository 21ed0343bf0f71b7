import type { BuildOptions } from 'esbuild';

export declare const commonOptions: BuildOptions;
