// The CLI lands with issue 2.
export {};
