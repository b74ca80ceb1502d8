using GridMap.Data.Access;
using GridMap.Tools.Generation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridMap.IntegrationTests.Loading;

/// <summary>`accounts` against a loaded district: who is created, what they are linked to, and re-runs.</summary>
public sealed class DemoAccountsTests(LoadedDemoFixture fixture) : IClassFixture<LoadedDemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestDatabase Db => fixture.Database;

    [Fact]
    public async Task Accounts_are_linked_to_the_village_leaders_and_officers_and_rerunning_changes_nothing()
    {
        Assert.Equal(0, await DemoAccountsCommand.RunAsync([], Db.ConnectionString, NullLoggerFactory.Instance, Ct));

        Assert.Equal(25, await Db.ScalarAsync<long>("SELECT count(*) FROM app_user WHERE username ~ '^(admin|command|official|leader\\d\\d|officer\\d\\d)$'", Ct));
        // Each leaderNN is scoped to the NN-th village and linked to its grid leader.
        Assert.Equal(11, await Db.ScalarAsync<long>(
            """
            SELECT count(*) FROM app_user u
            JOIN user_grid_scope s ON s.user_id = u.id
            JOIN officer_assignment a ON a.officer_id = u.officer_id AND a.grid_code = s.grid_code AND a.role = 'grid_leader'
            WHERE u.role = 'grid_leader' AND s.grid_code = '441302010' || lpad(substring(u.username from '^leader(\d\d)$'), 3, '0')
            """, Ct));
        // Each officerNN is scoped to the third-level grid of their own assignment, inside that village.
        Assert.Equal(11, await Db.ScalarAsync<long>(
            """
            SELECT count(*) FROM app_user u
            JOIN user_grid_scope s ON s.user_id = u.id
            JOIN officer_assignment a ON a.officer_id = u.officer_id AND a.grid_code = s.grid_code AND a.role = 'grid_officer'
            WHERE u.role = 'grid_officer' AND length(s.grid_code) = 17
              AND left(s.grid_code, 12) = '441302010' || lpad(substring(u.username from '^officer(\d\d)$'), 3, '0')
            """, Ct));
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.role IN ('admin', 'command', 'official')", Ct));
        var display = await Db.ScalarAsync<string>("SELECT display_name FROM app_user WHERE username = 'leader01'", Ct);
        Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}{2,3}（\p{IsCJKUnifiedIdeographs}+(村|社区)网格长）$", display);

        var hash = await Db.ScalarAsync<string>("SELECT password_hash FROM app_user WHERE username = 'command'", Ct);
        Assert.Equal(PasswordVerificationResult.Success,
            new PasswordHasher<object>().VerifyHashedPassword(new object(), hash!, DemoAccountsCommand.Password));

        // Same password: a no-op, the hashes stay as they are.
        Assert.Equal(0, await DemoAccountsCommand.RunAsync([], Db.ConnectionString, NullLoggerFactory.Instance, Ct));
        Assert.Equal(hash, await Db.ScalarAsync<string>("SELECT password_hash FROM app_user WHERE username = 'command'", Ct));
    }

    [Fact]
    public async Task A_new_hash_replaces_the_old_one_and_scope_rows_are_made_exact()
    {
        var store = new DemoAccountStore(Db.DataSource);
        var account = new DemoAccount("demo-store-test", "测试", "grid_leader", null, ["441302010001", "441302010002"]);

        var created = await store.UpsertAsync([(account, "hash-1")], Ct);
        var same = await store.UpsertAsync([(account, "hash-1")], Ct);
        var changed = await store.UpsertAsync([(account with { ScopeGridCodes = ["441302010003"] }, "hash-2")], Ct);

        Assert.True(created.Single().Created);
        Assert.False(same.Single().Created || same.Single().Updated || same.Single().ScopeRowsChanged > 0);
        Assert.True(changed.Single().Updated);
        Assert.Equal("hash-2", await Db.ScalarAsync<string>("SELECT password_hash FROM app_user WHERE username = 'demo-store-test'", Ct));
        Assert.Equal("441302010003", await Db.ScalarAsync<string>(
            "SELECT string_agg(grid_code, ',') FROM user_grid_scope s JOIN app_user u ON u.id = s.user_id WHERE u.username = 'demo-store-test'", Ct));
    }
}
