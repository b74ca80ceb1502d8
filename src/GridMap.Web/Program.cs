using GridMap.Data.Migrations;
using GridMap.Web.Administration;
using GridMap.Web.Cases;
using GridMap.Web.Components;
using GridMap.Web.Departments;
using GridMap.Web.Grids;
using GridMap.Web.Live;
using GridMap.Web.Security;
using GridMap.Web.Services;
using GridMap.Web.Tiles;
using GridMap.Web.Mobile;
using GridMap.Web.Open311;
using GridMap.Web.Patrol;
using GridMap.Web.Rectification;
using GridMap.Web.Statistics;
using GridMap.Web.Worklist;

var builder = WebApplication.CreateBuilder(args);
if (Environment.GetEnvironmentVariable("GRIDMAP_URLS") is { Length: > 0 } urls && builder.Configuration["urls"] is null)
{
    builder.WebHost.UseUrls(urls);
}

// blazor.web.js and the packages' _content/ files are static web assets: found through the
// build's manifest when the app runs from its build output (./gridmap run, the test hosts) in
// any environment; a publish folder has them under wwwroot and no manifest, and this is a no-op.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddGridMapCore(builder.Configuration);
builder.Services.AddAntiforgery();
builder.Services.AddProblemDetails();
builder.Services.AddGridMapUi(builder.Configuration);
builder.Services.AddPatrolIngest(builder.Configuration);
builder.Services.AddLiveLayer(builder.Configuration);
builder.Services.AddCases(builder.Configuration);
builder.Services.AddMobile(builder.Configuration);
builder.Services.AddWorklist(builder.Configuration);
builder.Services.AddOpen311(builder.Configuration);
builder.Services.AddRectification(builder.Configuration);
builder.Services.AddDepartmentNotifications(builder.Configuration);
builder.Services.AddCaseStatistics(builder.Configuration);
builder.Services.AddAdministration(builder.Configuration);

var app = builder.Build();

// The schema is brought up to date before the first request; a failed migration stops start-up
// with the file name and PostgreSQL's message.
await app.Services.GetRequiredService<MigrationRunner>().ApplyAsync(app.Lifetime.ApplicationStopping);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler();
}

app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthEndpoints();
app.MapAuthEndpoints();
app.MapGridEndpoints();
app.MapTileEndpoints();
app.MapGridMapUi();
app.MapPatrolIngest();
app.MapLiveLayer();
app.MapCases();
app.MapMobile();
app.MapWorklist();
app.MapOpen311();
app.MapRectification();
app.MapDepartmentNotifications();
app.MapCaseStatistics();
app.MapAdministration();

app.Run();

/// <summary>The web application's entry point, visible to the test host.</summary>
public partial class Program;
