namespace GridMap.Data;

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>An Npgsql connection string to a PostgreSQL with PostGIS.</summary>
    public string ConnectionString { get; set; } = "";
}
