// Entry point of the admin page bundle.
export {};
