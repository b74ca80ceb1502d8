using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Domain.Cases.Indicators;
using Npgsql;

namespace GridMap.Data.Cases;

/// <summary>
/// Loads the timelines the evaluation indicators are computed from (<see cref="CaseIndicators"/>):
/// the cases in scope reported in [from, to), each with its events up to <c>to</c>. Computing in
/// the domain rather than in SQL keeps one definition of "on time" for the timeline, the worklist
/// and the statistics.
/// </summary>
public sealed class CaseStatisticsRepository(NpgsqlDataSource dataSource)
{
    private static string Sql(string name) => NamedQueries.Get("Cases", name);

    public async Task<IReadOnlyList<CaseHistory>> LoadAsync(GridScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to <= from)
        {
            return [];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for both reads, so a transition between them cannot split a case.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var events = new Dictionary<long, List<CaseEvent>>();
        await using (var command = new NpgsqlCommand(Sql("StatisticsEvents"), connection, transaction))
        {
            AddPeriod(command.Parameters, scope, from, to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var caseId = reader.Required<long>("case_id");
                if (!events.TryGetValue(caseId, out var list))
                {
                    events[caseId] = list = [];
                }

                list.Add(CaseRows.ReadEvent(reader));
            }
        }

        var histories = new List<CaseHistory>();
        await using (var command = new NpgsqlCommand(Sql("StatisticsCases"), connection, transaction))
        {
            AddPeriod(command.Parameters, scope, from, to);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.Required<long>("id");
                histories.Add(new CaseHistory
                {
                    CaseId = id,
                    GridCode = reader.Required<string>("grid_code"),
                    CategoryCode = reader.Required<string>("category_code"),
                    SubcategoryCode = reader.Required<string>("subcategory_code"),
                    RentalHazard = reader.Required<bool>("rental_hazard"),
                    Departments = reader.Required<string[]>("departments"),
                    ReporterOfficerId = reader.NullableInt64("reporter_officer_id"),
                    Source = CaseValueCodes.SourceFromCode(reader.Required<string>("source")),
                    CreatedAt = reader.Required<DateTimeOffset>("created_at"),
                    Events = events.TryGetValue(id, out var list) ? list : [],
                });
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return histories;
    }

    private static void AddPeriod(NpgsqlParameterCollection parameters, GridScope scope, DateTimeOffset from, DateTimeOffset to)
    {
        parameters.AddScope(scope);
        parameters.AddInstant("from", from);
        parameters.AddInstant("to", to);
    }
}
