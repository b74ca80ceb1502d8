// Entry point of the mobile page bundle.
export {};
