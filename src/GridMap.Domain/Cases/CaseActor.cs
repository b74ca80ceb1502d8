using GridMap.Domain.Access;

namespace GridMap.Domain.Cases;

public enum CaseActorKind
{
    /// <summary>A signed-in console or phone user, with a role and perhaps an officer record.</summary>
    User,

    /// <summary>GridMap itself: automatic dispatch, the deadline watcher.</summary>
    System,

    /// <summary>Another system or the public through Open311, identified by its API key.</summary>
    Open311,
}

/// <summary>
/// Who does something to a case. Stored in events as <see cref="Ref"/> ("user:12",
/// "system:deadlines", "open311:&lt;key id&gt;") plus a display name, so the timeline stays readable
/// even if the account is later disabled.
/// </summary>
public sealed record CaseActor
{
    private CaseActor(CaseActorKind kind, string key, string name, UserRole? role, long? officerId)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ArgumentException($"'{key}' is not a usable actor key.", nameof(key));
        }

        Kind = kind;
        Key = key;
        Name = string.IsNullOrWhiteSpace(name) ? key : name;
        Role = role;
        OfficerId = officerId;
    }

    public CaseActorKind Kind { get; }

    public string Key { get; }

    public string Name { get; }

    /// <summary>The user's role; null for system and Open311 actors.</summary>
    public UserRole? Role { get; }

    /// <summary>The officer record linked to the user, which is what "the assignee" is compared with.</summary>
    public long? OfficerId { get; }

    public string Ref => Kind switch
    {
        CaseActorKind.User => $"user:{Key}",
        CaseActorKind.System => $"system:{Key}",
        _ => $"open311:{Key}",
    };

    public static CaseActor User(long userId, UserRole role, long? officerId = null, string? name = null) =>
        new(CaseActorKind.User, userId.ToString(global::System.Globalization.CultureInfo.InvariantCulture), name ?? $"user {userId}", role, officerId);

    public static CaseActor System(string process, string? name = null) =>
        new(CaseActorKind.System, process, name ?? process, null, null);

    public static CaseActor Open311(string apiKeyId, string? name = null) =>
        new(CaseActorKind.Open311, apiKeyId, name ?? $"open311 {apiKeyId}", null, null);

    /// <summary>Rebuilds an actor from what an event stored.</summary>
    public static CaseActor FromStored(string reference, string name, UserRole? role, long? officerId)
    {
        var colon = reference.IndexOf(':');
        if (colon <= 0)
        {
            throw new FormatException($"'{reference}' is not an actor reference like 'user:12'");
        }

        var key = reference[(colon + 1)..];
        return reference[..colon] switch
        {
            "user" => new CaseActor(CaseActorKind.User, key, name, role, officerId),
            "system" => new CaseActor(CaseActorKind.System, key, name, null, null),
            "open311" => new CaseActor(CaseActorKind.Open311, key, name, null, null),
            _ => throw new FormatException($"'{reference}' is not an actor reference like 'user:12'"),
        };
    }

    /// <summary>How the actor is named in refusals: the role for users.</summary>
    public string Describe() => Kind switch
    {
        CaseActorKind.User => Role?.ToCode() ?? "user",
        CaseActorKind.System => "the system",
        _ => "an Open311 client",
    };
}
