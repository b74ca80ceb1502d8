using GridMap.Domain.Cases;
using GridMap.IntegrationTests.Infrastructure;
using Npgsql;

namespace GridMap.IntegrationTests.Migrations;

/// <summary>case_is_open (0018): the database's one definition of an open case.</summary>
public sealed class CaseTerminalStatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_database_and_the_domain_agree_on_which_states_are_open()
    {
        await using var db = await TestDatabase.CreateAsync(cancellationToken: Ct);

        foreach (var state in CaseStates.All)
        {
            await using var command = db.DataSource.CreateCommand("SELECT case_is_open(@state)");
            command.Parameters.Add(new NpgsqlParameter<string>("state", state.ToCode()));
            Assert.Equal(state.IsOpen(), await command.ExecuteScalarAsync(Ct));
        }

        Assert.Equal("i", await db.ScalarAsync<string>("SELECT provolatile::text FROM pg_proc WHERE proname = 'case_is_open'", Ct));
    }

    [Fact]
    public async Task The_partial_indexes_on_open_cases_are_defined_by_the_function_and_still_chosen()
    {
        await using var db = await TestDatabase.CreateAsync(cancellationToken: Ct);

        Assert.Equal(2, await db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'hazard_case' AND indexdef LIKE '%WHERE case_is_open(state)%'", Ct));
        Assert.Equal(0, await db.ScalarAsync<long>(
            "SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%''closed''%' OR indexdef LIKE '%''cancelled''%'", Ct));

        // The function is inlined, so a query's case_is_open proves the index predicate.
        await using var connection = await db.DataSource.OpenConnectionAsync(Ct);
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(Ct);
        }

        await using var explain = new NpgsqlCommand(
            "EXPLAIN SELECT id FROM hazard_case c WHERE c.assignee_officer_id = 1 AND case_is_open(c.state)", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("hazard_case_assignee", StringComparison.Ordinal));
    }
}
