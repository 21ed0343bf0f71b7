import type { BuildOptions } from 'esbuild';

export declare const commonOptions: BuildOptions;
export declare const RUBY_PARSER_BUNDLE: string;
