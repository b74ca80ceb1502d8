using GridMap.Data;
using GridMap.Data.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace GridMap.Tools.Generation;

/// <summary>
/// `gridmap-tools accounts`: creates or refreshes the demo accounts and prints them. admin,
/// command and official see the whole district; leaderNN is the grid leader of the NN-th
/// first-level grid (by code) and officerNN one grid officer of it, each scoped and linked to
/// that officer. The password comes from GRIDMAP_DEMO_PASSWORD (default "gridmap-demo").
/// </summary>
internal static class DemoAccountsCommand
{
    public const string PasswordVariable = "GRIDMAP_DEMO_PASSWORD";
    public const string DefaultPassword = "gridmap-demo";

    /// <summary>The demo password in use.</summary>
    public static string Password =>
        Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } password ? password : DefaultPassword;

    public static async Task<int> RunAsync(string[] args, string connectionString, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: accounts   (the password comes from " + PasswordVariable + ")");
            return 2;
        }

        var logger = loggerFactory.CreateLogger("accounts");
        await using var dataSource = GridMapDataSource.Create(connectionString);
        var store = new DemoAccountStore(dataSource);
        var villages = await store.LoadVillagesAsync(cancellationToken);
        if (villages.Count == 0)
        {
            Console.Error.WriteLine("accounts: no district is loaded; creating admin, command and official only (run generate first for the grid accounts)");
        }

        var accounts = Plan(villages);
        var password = Password;
        var fromEnvironment = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 };

        // All demo accounts share one password by design, so one hash (one salt) serves them all:
        // PBKDF2 at Identity's cost takes tens of milliseconds, and the city district has over
        // two hundred accounts. A stored hash that still verifies is kept, so an unchanged
        // password leaves the rows untouched.
        var hasher = new PasswordHasher<DemoAccount>();
        var stored = await store.LoadPasswordHashesAsync(accounts.Select(a => a.Username).ToList(), cancellationToken);
        var verified = new Dictionary<string, bool>(StringComparer.Ordinal);
        string? freshHash = null;
        var withHashes = new List<(DemoAccount, string)>(accounts.Count);
        foreach (var account in accounts)
        {
            if (stored.TryGetValue(account.Username, out var hash))
            {
                if (!verified.TryGetValue(hash, out var ok))
                {
                    ok = hasher.VerifyHashedPassword(account, hash, password) == PasswordVerificationResult.Success;
                    verified[hash] = ok;
                }

                if (ok)
                {
                    withHashes.Add((account, hash));
                    continue;
                }
            }

            freshHash ??= hasher.HashPassword(account, password);
            withHashes.Add((account, freshHash));
        }

        var changes = await store.UpsertAsync(withHashes, cancellationToken);
        Print(accounts, changes, fromEnvironment);
        logger.LogInformation("{Count} demo accounts: {Created} created, {Updated} updated",
            accounts.Count, changes.Count(c => c.Created), changes.Count(c => c.Updated || (!c.Created && c.ScopeRowsChanged > 0)));
        return 0;
    }

    /// <summary>The accounts wanted for the loaded district, in display order.</summary>
    internal static IReadOnlyList<DemoAccount> Plan(IReadOnlyList<DemoVillage> villages)
    {
        var accounts = new List<DemoAccount>
        {
            new("admin", "系统管理员", "admin", null, []),
            new("command", "指挥中心值班员", "command", null, []),
            new("official", "街道办事处领导", "official", null, []),
        };
        var digits = villages.Count > 99 ? "000" : "00";
        for (var k = 0; k < villages.Count; k++)
        {
            var village = villages[k];
            var number = (k + 1).ToString(digits, System.Globalization.CultureInfo.InvariantCulture);
            accounts.Add(new DemoAccount(
                $"leader{number}",
                $"{village.LeaderName ?? "网格长"}（{village.Name}网格长）",
                "grid_leader",
                village.LeaderOfficerId,
                [village.Code]));
            if (village.OfficerGridCode is not null)
            {
                accounts.Add(new DemoAccount(
                    $"officer{number}",
                    $"{village.OfficerName}（{village.OfficerGridName}网格员）",
                    "grid_officer",
                    village.OfficerId,
                    [village.OfficerGridCode]));
            }
        }

        return accounts;
    }

    private static void Print(IReadOnlyList<DemoAccount> accounts, IReadOnlyList<DemoAccountChange> changes, bool fromEnvironment)
    {
        Console.WriteLine(fromEnvironment
            ? $"demo accounts (password: from {PasswordVariable})"
            : $"demo accounts (password: the default '{DefaultPassword}'; set {PasswordVariable} to change it)");
        var byName = changes.ToDictionary(c => c.Username);
        Console.WriteLine($"  {"username",-12} {"role",-13} {"officer",8}  {"scope",-18} {"status",-9} display name");
        foreach (var account in accounts)
        {
            var change = byName[account.Username];
            var status = change.Created ? "created" : change.Updated || change.ScopeRowsChanged > 0 ? "updated" : "unchanged";
            var scope = account.ScopeGridCodes.Count == 0 ? "(whole district)" : string.Join(",", account.ScopeGridCodes);
            Console.WriteLine($"  {account.Username,-12} {account.Role,-13} {account.OfficerId?.ToString() ?? "-",8}  {scope,-18} {status,-9} {account.DisplayName}");
        }
    }
}
