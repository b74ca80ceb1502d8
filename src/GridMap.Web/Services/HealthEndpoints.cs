using Npgsql;

namespace GridMap.Web.Services;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealthAsync).AllowAnonymous().WithName("Health");
        return app;
    }

    private static async Task<IResult> GetHealthAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(
                """
                SELECT postgis_lib_version(),
                       (SELECT count(*) FROM schema_migration),
                       (SELECT count(*) FROM grid WHERE valid_to IS NULL),
                       (SELECT version FROM data_version WHERE id = 1)
                """);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return Results.Ok(new
            {
                status = "ok",
                database = new
                {
                    state = "up",
                    postgis = reader.GetString(0),
                    migrations = reader.GetInt64(1),
                    grids = reader.GetInt64(2),
                    dataVersion = reader.GetInt64(3),
                },
            });
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            return Results.Json(
                new { status = "degraded", database = new { state = "down", error = ex.Message } },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
