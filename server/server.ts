// The language server lands with issue 5.
export {};
