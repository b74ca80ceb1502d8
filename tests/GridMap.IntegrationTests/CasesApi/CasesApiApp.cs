namespace GridMap.IntegrationTests.CasesApi;

/// <summary>
/// The case API tests' district and app: the manual clock stands at Tuesday 24 November 2026,
/// 10:00 in Shanghai (a working day, day shifts running); the background passes are off.
/// </summary>
public sealed class CasesApiApp() : ClockedCaseApp(Tuesday10);
