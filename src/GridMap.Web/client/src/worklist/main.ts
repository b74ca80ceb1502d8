// Entry point of the worklist page bundle.
export {};
