using Xunit;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace GridMap.Testing;

/// <summary>
/// A test-class fixture: a copy of the demo district and the web application over it.
/// </summary>
public sealed class DemoApp : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public GridMapAppFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await DemoDistrict.CreateAsync();
        Factory = new GridMapAppFactory(_database.ConnectionString);
    }

    public HttpClient Anonymous() => Factory.CreateClient(new() { AllowAutoRedirect = false });

    /// <summary>A client carrying a bearer token of a demo account.</summary>
    public async Task<HttpClient> SignedInAsync(string username)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password = DemoDistrict.Password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenBody>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.Token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private sealed record TokenBody(string Token, DateTimeOffset ExpiresAt);
}
