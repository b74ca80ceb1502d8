using System.Globalization;
using GridMap.Data;
using GridMap.Data.Cases;
using GridMap.Data.Open311;
using GridMap.Domain.Access;
using GridMap.Domain.Cases;
using GridMap.Web.Cases;
using Microsoft.Extensions.Options;

namespace GridMap.Web.Open311;

/// <summary>
/// Open311 GeoReport v2 under /open311/v2 (http://wiki.open311.org/GeoReport_v2): services and
/// their definitions (public), service requests (an API key to post and to read, because case
/// descriptions of rental-house hazards name landlords and tenants), errors as the
/// specification's error list. A report becomes a case in state "reported", filed through the
/// same repository, locator and live feed as the console's reports, and waits there for grid
/// staff to verify it.
/// </summary>
public static class Open311Endpoints
{
    public const string Base = "/open311/v2";

    public static IEndpointRouteBuilder MapOpen311Endpoints(this IEndpointRouteBuilder app)
    {
        // Not a console user: the api_key is the credential, checked here, answered in the spec's format.
        var group = app.MapGroup(Base).AllowAnonymous().DisableAntiforgery();
        group.MapGet("/services.{format}", ServicesAsync);
        group.MapGet("/services/{code}.{format}", ServiceDefinitionAsync);
        group.MapGet("/requests.{format}", RequestsAsync);
        group.MapPost("/requests.{format}", PostRequestAsync);
        group.MapGet("/requests/{id}.{format}", RequestAsync);
        // Anything else under the base (a path without .xml/.json, a resource that does not
        // exist) is answered in the spec's error format, not by the console's sign-in redirect.
        group.Map("/{**rest}", (string? rest) => Open311Errors.NotFound(
            Open311Format.Xml, $"'{Base}/{rest}' is not a GeoReport v2 resource: use services.xml|json, services/{{code}}.xml|json, requests.xml|json or requests/{{id}}.xml|json"));
        app.MapGet("/open311/discovery.{format}", Discovery).AllowAnonymous();
        return app;
    }

    private sealed record Call(Open311Format Format, bool English, IResult? Refusal);

    /// <summary>Format, jurisdiction and language, checked the same way for every method.</summary>
    private static Call Begin(HttpContext context, string format, Open311Options options, IFormCollection? form = null)
    {
        if (!Open311Document.TryParseFormat(format, out var parsed))
        {
            return new Call(Open311Format.Xml, false,
                Open311Errors.NotFound(Open311Format.Xml, $"format '{format}' is not offered: use .xml or .json"));
        }

        var english = Open311Mapping.WantsEnglish(context.Request, Param(context, form, "locale"));
        if (Param(context, form, "jurisdiction_id") is { } jurisdiction
            && !string.Equals(jurisdiction, options.JurisdictionId, StringComparison.OrdinalIgnoreCase))
        {
            return new Call(parsed, english, Open311Errors.NotFound(parsed,
                $"jurisdiction_id '{jurisdiction}' not found: this endpoint serves '{options.JurisdictionId}' (or leave jurisdiction_id out)"));
        }

        return new Call(parsed, english, null);
    }

    /// <summary>A parameter from the form (POST) or the query; empty counts as absent, as the specification says.</summary>
    private static string? Param(HttpContext context, IFormCollection? form, string name)
    {
        string? value = form is not null && form.TryGetValue(name, out var f) ? f.ToString() : null;
        if (string.IsNullOrWhiteSpace(value) && context.Request.Query.TryGetValue(name, out var q))
        {
            value = q.ToString();
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static async Task<IResult> ServicesAsync(
        HttpContext context, string format, TaxonomyRepository taxonomy, IOptions<Open311Options> open311, CancellationToken cancellationToken)
    {
        var options = open311.Value;
        var call = Begin(context, format, options);
        if (call.Refusal is { } refusal)
        {
            return refusal;
        }

        var categories = (await taxonomy.ListCategoriesAsync(null, cancellationToken)).ToDictionary(c => c.Code);
        var subcategories = await taxonomy.ListSubcategoriesAsync(null, cancellationToken);
        var english = call.English;
        var services = subcategories.Select(s =>
        {
            categories.TryGetValue(s.CategoryCode, out var category);
            var group = category is null ? s.CategoryCode : english ? category.NameEn : category.NameZh;
            // Keywords: the names in the other language and the codes, so either language finds it.
            var keywords = new[] { english ? s.NameZh : s.NameEn, category is null ? null : english ? category.NameZh : category.NameEn, s.CategoryCode }
                .Where(k => !string.IsNullOrWhiteSpace(k))
                .Select(k => k!.Replace(", ", " ").Replace(',', ' ').Replace('，', ' '));
            return (Open311Value)Open311Object.Of(
                ("service_code", new Open311Text(s.Code)),
                ("service_name", new Open311Text(english ? s.NameEn : s.NameZh)),
                ("description", new Open311Text(english ? s.FilingConditionsEn : s.FilingConditionsZh)),
                ("metadata", new Open311Bool(false)),
                ("type", new Open311Text("realtime")),
                ("keywords", new Open311Text(string.Join(", ", keywords))),
                ("group", new Open311Text(group)));
        }).ToList();
        return Open311Document.Result(call.Format, "services", new Open311List("service", services));
    }

    private static async Task<IResult> ServiceDefinitionAsync(
        HttpContext context, string code, string format, TaxonomyRepository taxonomy, IOptions<Open311Options> open311, CancellationToken cancellationToken)
    {
        var options = open311.Value;
        var call = Begin(context, format, options);
        if (call.Refusal is { } refusal)
        {
            return refusal;
        }

        if (await taxonomy.GetSubcategoryAsync(code, null, cancellationToken) is null)
        {
            return Open311Errors.NotFound(call.Format, $"service_code '{code}' not found");
        }

        // No service defines attributes (metadata is false everywhere); the definition answers
        // anyway, with an empty attribute list, so a client that always asks is not refused.
        return Open311Document.Result(call.Format, "service_definition", Open311Object.Of(
            ("service_code", new Open311Text(code)),
            ("attributes", new Open311List("attribute", []))));
    }

    private static async Task<(ActiveApiKey? Key, IResult? Refusal)> RequireKeyAsync(
        HttpContext context, IFormCollection? form, Open311Format format, ApiKeyAdministration keys, string purpose, CancellationToken cancellationToken)
    {
        var presented = Param(context, form, "api_key");
        if (presented is null)
        {
            return (null, Open311Errors.Forbidden(format, $"api_key is required to {purpose}; keys are issued by the administrators"));
        }

        var key = await keys.AuthenticateAsync(presented, cancellationToken);
        return key is null
            ? (null, Open311Errors.Forbidden(format, $"Invalid api_key received (unknown or revoked) -- can't {purpose}"))
            : (key, null);
    }

    private static async Task<IResult> RequestsAsync(
        HttpContext context, string format, ApiKeyAdministration keys, ServiceRequestStore requests, IOptions<Open311Options> open311,
        DistrictTimeZone district, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = open311.Value;
        var call = Begin(context, format, options);
        if (call.Refusal is { } refusal)
        {
            return refusal;
        }

        var (key, keyRefusal) = await RequireKeyAsync(context, null, call.Format, keys, "read service requests", cancellationToken);
        if (keyRefusal is not null)
        {
            return keyRefusal;
        }

        var zone = district.Zone;
        var query = Open311RequestFilter.Parse(
            Param(context, null, "service_request_id"), Param(context, null, "service_code"), Param(context, null, "start_date"),
            Param(context, null, "end_date"), Param(context, null, "status"), time.GetUtcNow(), zone, options.MaxRangeDays);
        if (query.Error is { } error)
        {
            return Open311Errors.BadRequest(call.Format, error);
        }

        var rows = await requests.ListAsync(GridScope.Everything, query.Query! with
        {
            Limit = Math.Clamp(options.MaxResults, 1, 1000),
            ReportedBy = ReportedByFilter(key!, options),
        }, cancellationToken);
        return Open311Document.Result(call.Format, "service_requests",
            new Open311List("request", rows.Select(r => (Open311Value)Open311Mapping.Request(r, call.English, zone)).ToList()));
    }

    private static string? ReportedByFilter(ActiveApiKey key, Open311Options options) =>
        options.RequestVisibility == Open311RequestVisibility.Own
            ? CaseActor.Open311(key.Id.ToString(CultureInfo.InvariantCulture)).Ref
            : null;

    private static async Task<IResult> RequestAsync(
        HttpContext context, string id, string format, ApiKeyAdministration keys, ServiceRequestStore requests, IOptions<Open311Options> open311,
        DistrictTimeZone district, CancellationToken cancellationToken)
    {
        var options = open311.Value;
        var call = Begin(context, format, options);
        if (call.Refusal is { } refusal)
        {
            return refusal;
        }

        var (key, keyRefusal) = await RequireKeyAsync(context, null, call.Format, keys, "read service requests", cancellationToken);
        if (keyRefusal is not null)
        {
            return keyRefusal;
        }

        ServiceRequestRow? row = null;
        if (CaseNumber.TryParse(id, out _))
        {
            var rows = await requests.ListAsync(GridScope.Everything, new ServiceRequestQuery
            {
                Numbers = [id],
                Start = DateTimeOffset.MinValue,
                End = DateTimeOffset.MaxValue,
                Limit = 1,
                ReportedBy = ReportedByFilter(key!, options),
            }, cancellationToken);
            row = rows.FirstOrDefault();
        }

        return row is null
            ? Open311Errors.NotFound(call.Format, $"service_request_id '{id}' not found")
            : Open311Document.Result(call.Format, "service_requests",
                new Open311List("request", [Open311Mapping.Request(row, call.English, district.Zone)]));
    }

    private static async Task<IResult> PostRequestAsync(
        HttpContext context, string format, ApiKeyAdministration keys, CaseIntake intake, FieldErrorText errorText, IOptions<Open311Options> open311,
        CancellationToken cancellationToken)
    {
        var options = open311.Value;
        IFormCollection? form = null;
        if (context.Request.HasFormContentType)
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }

        var call = Begin(context, format, options, form);
        if (call.Refusal is { } refusal)
        {
            return refusal;
        }

        // Open311 chooses its language by locale or Accept-Language, not by the console's cookie:
        // the field errors are written in that language.
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(call.English ? "en" : "zh-CN");
        var (key, keyRefusal) = await RequireKeyAsync(context, form, call.Format, keys, "proceed with create_request", cancellationToken);
        if (keyRefusal is not null)
        {
            return keyRefusal;
        }

        if (form is null)
        {
            return Open311Errors.BadRequest(call.Format, "send the request as application/x-www-form-urlencoded (or multipart/form-data)");
        }

        var input = Open311ReportInput.Read(name => Param(context, form, name), form.Keys);
        if (input.Errors.Count > 0)
        {
            return Refuse(call, input.Errors, errorText);
        }

        var report = input.Report!;
        var actor = CaseActor.Open311(key!.Id.ToString(CultureInfo.InvariantCulture), key.Name);
        var record = new Open311RequestRecord(key.Id)
        {
            AddressString = report.AddressString,
            MediaUrl = report.MediaUrl,
            Email = report.Email,
            FirstName = report.FirstName,
            LastName = report.LastName,
            Phone = report.Phone,
            DeviceId = report.DeviceId,
            AccountId = report.AccountId,
        };
        // A public reporter cannot see or merge cases: a likely duplicate is filed anyway and
        // named in service_notice (and kept for the verifier), who cancels it as a duplicate.
        var result = await intake.FileAsync(
            new CaseIntakeRequest(report.Lat, report.Lon, report.ServiceCode, report.Description), CaseReporter.Open311(actor, record), cancellationToken);
        if (result.Errors.Count > 0)
        {
            return Refuse(call, result.Errors, errorText);
        }

        if (result.Case is not { } detail)
        {
            return Open311Errors.BadRequest(call.Format, result.Refusal?.Message ?? "the request could not be filed");
        }

        var notice = Notice(detail, result.Duplicates.Select(d => d.Number).ToList(), call.English);
        return Open311Document.Result(call.Format, "service_requests", new Open311List("request",
        [
            Open311Object.Of(
                ("service_request_id", new Open311Text(detail.Number)),
                ("service_notice", new Open311Text(notice)),
                ("account_id", new Open311Text(report.AccountId))),
        ]));
    }

    /// <summary>
    /// Every field error in the specification's error list, each naming its parameter; 404 when
    /// the only thing wrong is an unknown service_code (a resource that does not exist), 400 otherwise.
    /// </summary>
    private static IResult Refuse(Call call, IReadOnlyList<FieldError> errors, FieldErrorText errorText)
    {
        var status = errors.All(e => e.Code == FieldErrorCodes.UnknownCategory) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Open311Errors.Result(call.Format, status, errors
            .Select(e => e with { Field = Open311ReportInput.ParameterOf(e.Field) })
            .Select(e => new Open311Error(status, $"{e.Field}: {errorText.Message(e)}"))
            .ToArray());
    }

    private static string Notice(CaseDetail detail, IReadOnlyList<string> duplicates, bool english)
    {
        var verify = Open311Mapping.Limit(detail.Limits.Verification, english);
        var notice = english
            ? $"Received as {detail.Number}. Grid staff will verify it on site within {verify}."
            : $"已受理，编号 {detail.Number}。网格工作人员将在{verify}内现场核实。";
        if (duplicates.Count > 0)
        {
            var list = string.Join(", ", duplicates);
            notice += english
                ? $" An open report of the same kind nearby is already being handled ({list}); if this is the same hazard it will be closed as its duplicate."
                : $"附近已有同类在办案件（{list}）；如核实为同一隐患，本次上报将作为重复件作废，以该案件为准。";
        }

        return notice;
    }

    private static IResult Discovery(HttpContext context, string format, IOptions<Open311Options> open311, TimeProvider time)
    {
        var options = open311.Value;
        if (!Open311Document.TryParseFormat(format, out var parsed))
        {
            return Open311Errors.NotFound(Open311Format.Xml, $"format '{format}' is not offered: use .xml or .json");
        }

        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{Base}";
        const string changeset = "2026-11-22 00:00";
        return Open311Document.Result(parsed, "discovery", Open311Object.Of(
            ("changeset", new Open311Text(changeset)),
            ("contact", new Open311Text(options.Contact)),
            ("key_service", new Open311Text(options.KeyService)),
            ("endpoints", new Open311List("endpoint",
            [
                Open311Object.Of(
                    ("specification", new Open311Text("http://wiki.open311.org/GeoReport_v2")),
                    ("url", new Open311Text(url)),
                    ("changeset", new Open311Text(changeset)),
                    ("type", new Open311Text("production")),
                    ("formats", new Open311List("format", [new Open311Text("text/xml"), new Open311Text("application/json")]))),
            ]))));
    }
}
