// The extension lands with issue 5.
export {};
