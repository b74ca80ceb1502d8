// Each browser test class starts its own web app, database copy and Chromium contexts; run two
// at once on a 2-core machine and a page can miss a 30 s wait for no fault of its own. The
// classes run one after another: a little slower, and a failure means the product failed.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
