using GridMap.Domain.Access;
using Npgsql;
using NpgsqlTypes;

namespace GridMap.Data;

/// <summary>
/// Every query that returns grid-bound data takes the caller's scope as two parameters,
/// <c>@everything</c> and <c>@patterns</c>, and filters with
/// <c>(@everything OR grid_code LIKE ANY (@patterns))</c>. Scope is enforced here, in SQL,
/// not in the UI.
/// </summary>
public static class ScopeParameters
{
    public static void AddScope(this NpgsqlParameterCollection parameters, GridScope scope)
    {
        parameters.Add(new NpgsqlParameter<bool>("everything", scope.IsEverything));
        parameters.Add(new NpgsqlParameter("patterns", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = scope.LikePatterns() });
    }
}
