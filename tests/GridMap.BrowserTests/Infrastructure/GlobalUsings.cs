// Screenshot(name) in every browser test class.
global using static GridMap.BrowserTests.Infrastructure.BrowserFixture;
