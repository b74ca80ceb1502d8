using System.Collections.Concurrent;

namespace GridMap.Data;

/// <summary>
/// SQL kept in .sql files beside the repository that runs it (Folder/Queries/Name.sql),
/// embedded in the assembly and read once.
/// </summary>
public static class NamedQueries
{
    private static readonly ConcurrentDictionary<string, string> s_cache = new(StringComparer.Ordinal);

    public static string Get(string folder, string name) =>
        s_cache.GetOrAdd($"GridMap.Data.{folder}.Queries.{name}.sql",
            static key => Migrations.MigrationRunner.ReadResource(typeof(NamedQueries).Assembly, key));
}
