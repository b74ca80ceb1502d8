using GridMap.Data.Grids;
using GridMap.Domain.Grids;
using GridMap.Web.Security;

namespace GridMap.Web.Grids;

public sealed record GridOfficerResponse(long OfficerId, string Name, string Phone, string Role, string RoleName, string Shift, string GridCode);

public sealed record GridDetailResponse(
    string Code,
    string Name,
    int Level,
    string? ParentCode,
    double[] Bbox,
    int Buildings,
    int RentalUnits,
    int Residents,
    int Migrants,
    string? LandUse,
    int Households,
    int ChildGrids,
    IReadOnlyList<GridRef> Ancestors,
    IReadOnlyList<GridOfficerResponse> Officers);

/// <summary>The grid API: lists and single grids, within the caller's scope.</summary>
public static class GridEndpoints
{
    public static IEndpointRouteBuilder MapGridEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/grids");
        group.MapGet("", ListAsync);
        group.MapGet("/{code}", GetAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, GridRepository grids, string? level, CancellationToken cancellationToken)
    {
        int? levelValue = null;
        if (level is not null)
        {
            if (!int.TryParse(level, out var parsed) || parsed is < 1 or > 3)
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["level"] = [$"level must be 1, 2 or 3 (got '{level}')"] });
            }

            levelValue = parsed;
        }

        return Results.Ok(await grids.ListAsync(context.User.GetGridScope(), levelValue, cancellationToken));
    }

    private static async Task<IResult> GetAsync(
        HttpContext context, GridRepository grids, string code, CancellationToken cancellationToken)
    {
        if (GridCode.Validate(code) is { } error)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [error] });
        }

        var detail = await grids.GetAsync(context.User.GetGridScope(), code, cancellationToken);
        if (detail is null)
        {
            return Results.Problem(
                title: $"Grid {code} does not exist or is not among your grids.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var s = detail.Summary;
        return Results.Ok(new GridDetailResponse(
            s.Code, s.Name, s.Level, s.ParentCode, s.Bbox, s.Buildings, s.RentalUnits, s.Residents, s.Migrants,
            detail.LandUse, detail.Households, detail.ChildGrids, detail.Ancestors,
            detail.Officers.Select(o => new GridOfficerResponse(
                o.OfficerId, o.Name, o.Phone, o.RoleCode, english ? o.RoleNameEn : o.RoleNameZh, o.ShiftCode, o.GridCode)).ToList()));
    }
}
