// Entry point of the statistics page bundle.
export {};
