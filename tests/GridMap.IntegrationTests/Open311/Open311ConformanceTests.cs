using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using GridMap.Data.Cases;
using GridMap.IntegrationTests.CasesApi;
using static GridMap.IntegrationTests.Open311.Open311Client;

namespace GridMap.IntegrationTests.Open311;

/// <summary>
/// Open311 GeoReport v2 against the demo district: shapes of every method in XML and JSON
/// (element names and order as the specification lists them), the error list and its status
/// codes, reports becoming cases, and the filters of GET requests.
/// </summary>
public sealed class Open311ConformanceTests(CasesApiApp app) : IClassFixture<CasesApiApp>
{
    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Anonymous() => app.Factory.CreateClient(new() { AllowAutoRedirect = false });

    private Task<long> CountAsync(string table) => app.Database.ScalarAsync<long>($"SELECT count(*) FROM {table}", Ct);

    [Fact]
    public async Task The_service_list_is_the_current_taxonomy_in_both_formats()
    {
        var taxonomy = await app.Service<TaxonomyRepository>().ListSubcategoriesAsync(null, Ct);
        var categories = (await app.Service<TaxonomyRepository>().ListCategoriesAsync(null, Ct)).ToDictionary(c => c.Code);
        using var client = Anonymous();

        var xml = await XmlAsync(await client.GetAsync("/open311/v2/services.xml", Ct), HttpStatusCode.OK);
        Assert.Equal("services", xml.Root!.Name.LocalName);
        var services = xml.Root.Elements().ToList();
        Assert.All(services, s => Assert.Equal("service", s.Name.LocalName));
        Assert.All(services, s => Assert.Equal(ServiceFields, s.Elements().Select(e => e.Name.LocalName)));
        Assert.Equal(taxonomy.Select(s => s.Code), services.Select(s => s.Element("service_code")!.Value));
        var first = services[0];
        Assert.Equal(taxonomy[0].NameZh, first.Element("service_name")!.Value);
        Assert.Equal(taxonomy[0].FilingConditionsZh, first.Element("description")!.Value);
        Assert.Equal(categories[taxonomy[0].CategoryCode].NameZh, first.Element("group")!.Value);
        Assert.All(services, s => Assert.Equal("false", s.Element("metadata")!.Value));
        Assert.All(services, s => Assert.Equal("realtime", s.Element("type")!.Value));

        var json = await JsonAsync(await client.GetAsync("/open311/v2/services.json", Ct), HttpStatusCode.OK);
        var items = json.EnumerateArray().ToList();
        Assert.Equal(taxonomy.Select(s => s.Code), items.Select(s => s.GetProperty("service_code").GetString()));
        Assert.All(items, s => Assert.Equal(ServiceFields, s.EnumerateObject().Select(p => p.Name)));
        Assert.All(items, s => Assert.Equal(JsonValueKind.False, s.GetProperty("metadata").ValueKind));

        // English on request: locale=en, or Accept-Language preferring English.
        var english = await JsonAsync(await client.GetAsync("/open311/v2/services.json?locale=en", Ct), HttpStatusCode.OK);
        Assert.Equal(taxonomy[0].NameEn, english[0].GetProperty("service_name").GetString());
        Assert.Equal(categories[taxonomy[0].CategoryCode].NameEn, english[0].GetProperty("group").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/services.xml");
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,zh;q=0.5");
        var byHeader = await XmlAsync(await client.SendAsync(request, Ct), HttpStatusCode.OK);
        Assert.Equal(taxonomy[0].NameEn, byHeader.Root!.Elements().First().Element("service_name")!.Value);

        // The configured jurisdiction is accepted, another one is not found.
        await XmlAsync(await client.GetAsync("/open311/v2/services.xml?jurisdiction_id=gridmap.local", Ct), HttpStatusCode.OK);
        Assert.Contains("jurisdiction_id", await XmlErrorAsync(await client.GetAsync("/open311/v2/services.xml?jurisdiction_id=sfgov.org", Ct), HttpStatusCode.NotFound));
        Assert.Contains("jurisdiction_id", await JsonErrorAsync(await client.GetAsync("/open311/v2/services.json?jurisdiction_id=sfgov.org", Ct), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Every_service_has_a_definition_and_an_unknown_one_is_not_found()
    {
        var taxonomy = await app.Service<TaxonomyRepository>().ListSubcategoriesAsync(null, Ct);
        using var client = Anonymous();

        foreach (var service in taxonomy)
        {
            var xml = await XmlAsync(await client.GetAsync($"/open311/v2/services/{service.Code}.xml", Ct), HttpStatusCode.OK);
            Assert.Equal("service_definition", xml.Root!.Name.LocalName);
            Assert.Equal(["service_code", "attributes"], xml.Root.Elements().Select(e => e.Name.LocalName));
            Assert.Equal(service.Code, xml.Root.Element("service_code")!.Value);
            Assert.Empty(xml.Root.Element("attributes")!.Elements());
        }

        var json = await JsonAsync(await client.GetAsync($"/open311/v2/services/{taxonomy[0].Code}.json", Ct), HttpStatusCode.OK);
        Assert.Equal(taxonomy[0].Code, json.GetProperty("service_code").GetString());
        Assert.Equal(0, json.GetProperty("attributes").GetArrayLength());

        Assert.Contains("no_such", await XmlErrorAsync(await client.GetAsync("/open311/v2/services/no_such.xml", Ct), HttpStatusCode.NotFound));
        Assert.Contains("no_such", await JsonErrorAsync(await client.GetAsync("/open311/v2/services/no_such.json", Ct), HttpStatusCode.NotFound));
        Assert.Contains("format", await XmlErrorAsync(await client.GetAsync("/open311/v2/services.csv", Ct), HttpStatusCode.NotFound));

        // Paths without a format, or that are no resource, are GeoReport errors too, not the console's sign-in redirect.
        Assert.Contains("not a GeoReport v2 resource", await XmlErrorAsync(await client.GetAsync("/open311/v2/requests", Ct), HttpStatusCode.NotFound));
        Assert.Contains("not a GeoReport v2 resource", await XmlErrorAsync(await client.PostAsync("/open311/v2/requests", null, Ct), HttpStatusCode.NotFound));
        Assert.Contains("not a GeoReport v2 resource", await XmlErrorAsync(await client.GetAsync("/open311/v2/tokens/abc.xml", Ct), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task A_report_becomes_a_reported_case_and_reads_back_without_the_reporter()
    {
        var (keyId, key) = await CreateKeyAsync(app, "report-test");
        var place = await app.GridWithOfficerAsync(10);
        using var client = Anonymous();
        var form = Report(key, "fire_escape_blocked", place.Lat, place.Lon, "三楼楼梯间堆放杂物，防盗网封窗");
        form["email"] = "reporter@example.org";
        form["first_name"] = "小明";
        form["last_name"] = "王";
        form["phone"] = "13800138000";
        form["account_id"] = "acct-77";
        form["device_id"] = "dev-77";
        form["address_string"] = "白石村溪和大道1839号";
        form["media_url"] = "https://photos.example.org/p/77.jpg";

        var posted = await JsonAsync(await PostAsync(client, "json", form), HttpStatusCode.OK);

        var answer = Assert.Single(posted.EnumerateArray());
        Assert.Equal(["service_request_id", "service_notice", "account_id"], answer.EnumerateObject().Select(p => p.Name));
        var number = answer.GetProperty("service_request_id").GetString()!;
        Assert.Equal("acct-77", answer.GetProperty("account_id").GetString());
        Assert.Contains(number, answer.GetProperty("service_notice").GetString());

        // The case, as the console's API sees it.
        var id = await app.Database.ScalarAsync<long>($"SELECT id FROM hazard_case WHERE number = '{number}'", Ct);
        using var command = await app.SignedInAsync("command");
        var detail = await command.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}", Ct);
        Assert.Equal("open311", detail.GetProperty("source").GetString());
        Assert.Equal("reported", detail.GetProperty("state").GetString());
        Assert.Equal($"open311:{keyId}", detail.GetProperty("reportedBy").GetString());
        Assert.Equal(place.Grid, detail.GetProperty("gridCode").GetString());
        Assert.Equal(["report"], detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("action").GetString()));

        // GET requests/{id} in XML: the specification's fields in its order, no contact data.
        var response = await client.GetAsync($"/open311/v2/requests/{number}.xml?api_key={Uri.EscapeDataString(key)}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        foreach (var personal in new[] { "reporter@example.org", "13800138000", "小明", "dev-77", "acct-77" })
        {
            Assert.DoesNotContain(personal, text);
        }

        var xml = await XmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        var request = Assert.Single(xml.Root.Elements("request"));
        Assert.Equal(RequestFields, request.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(number, request.Element("service_request_id")!.Value);
        Assert.Equal("open", request.Element("status")!.Value);
        Assert.Contains("核实", request.Element("status_notes")!.Value);
        Assert.Equal("fire_escape_blocked", request.Element("service_code")!.Value);
        Assert.Equal("疏散通道堵塞或防盗网封窗", request.Element("service_name")!.Value);
        Assert.Equal("消防救援", request.Element("agency_responsible")!.Value);
        Assert.Equal("2026-11-24T10:00:00+08:00", request.Element("requested_datetime")!.Value);
        Assert.EndsWith("+08:00", request.Element("expected_datetime")!.Value);
        Assert.Equal("白石村溪和大道1839号", request.Element("address")!.Value);
        Assert.Equal("https://photos.example.org/p/77.jpg", request.Element("media_url")!.Value);
        Assert.Equal(place.Lat, double.Parse(request.Element("lat")!.Value, System.Globalization.CultureInfo.InvariantCulture));

        // The command centre may read who reported it; a grid officer may not.
        var reporter = await command.GetFromJsonAsync<JsonElement>($"/api/v1/open311/requests/{id}/reporter", Ct);
        Assert.Equal("reporter@example.org", reporter.GetProperty("email").GetString());
        Assert.Equal("13800138000", reporter.GetProperty("phone").GetString());
        using var officer = await app.SignedInAsync("officer01");
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/api/v1/open311/requests/{id}/reporter", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_report_near_an_open_case_of_its_kind_is_filed_and_names_that_case()
    {
        var (_, key) = await CreateKeyAsync(app, "duplicate-test");
        var place = await app.GridWithOfficerAsync(11);
        using var client = Anonymous();
        var first = await JsonAsync(await PostAsync(client, "json", Report(key, "env_dumping", place.Lat, place.Lon, "路边倾倒建筑垃圾")), HttpStatusCode.OK);
        var firstNumber = first[0].GetProperty("service_request_id").GetString()!;

        var second = await XmlAsync(await PostAsync(client, "xml", Report(key, "env_dumping", place.Lat + 0.0001, place.Lon, "又倒了一堆")), HttpStatusCode.OK);

        var request = Assert.Single(second.Root!.Elements("request"));
        Assert.Equal(["service_request_id", "service_notice", "account_id"], request.Elements().Select(e => e.Name.LocalName));
        Assert.NotEqual(firstNumber, request.Element("service_request_id")!.Value);
        Assert.Contains(firstNumber, request.Element("service_notice")!.Value);
        Assert.Equal("reported", await app.Database.ScalarAsync<string>(
            $"SELECT state FROM hazard_case WHERE number = '{request.Element("service_request_id")!.Value}'", Ct));
    }

    [Fact]
    public async Task Refused_reports_store_nothing_and_answer_in_the_error_format()
    {
        var (_, key) = await CreateKeyAsync(app, "refusal-test");
        var place = await app.GridWithOfficerAsync(12);
        using var client = Anonymous();
        var cases = await CountAsync("hazard_case");
        var requests = await CountAsync("open311_request");
        Dictionary<string, string> Valid() => Report(key, "env_manhole_loose", place.Lat, place.Lon, "井盖松动");

        var noKey = Valid();
        noKey.Remove("api_key");
        Assert.Contains("api_key", await XmlErrorAsync(await PostAsync(client, "xml", noKey), HttpStatusCode.Forbidden));
        Assert.Contains("api_key", await JsonErrorAsync(await PostAsync(client, "json", noKey), HttpStatusCode.Forbidden));
        var wrongKey = Valid();
        wrongKey["api_key"] = "gm311_not-a-key";
        Assert.Contains("api_key", await JsonErrorAsync(await PostAsync(client, "json", wrongKey), HttpStatusCode.Forbidden));

        var addressOnly = Valid();
        addressOnly.Remove("lat");
        addressOnly.Remove("long");
        addressOnly["address_string"] = "溪和大道1839号";
        // Errors are in the request's language (locale, then Accept-Language; Chinese by default) and name the parameter.
        Assert.Contains("不根据地址", await XmlErrorAsync(await PostAsync(client, "xml", addressOnly), HttpStatusCode.BadRequest));
        addressOnly["locale"] = "en";
        var geocode = await XmlErrorAsync(await PostAsync(client, "xml", addressOnly), HttpStatusCode.BadRequest);
        Assert.Contains("lat", geocode);
        Assert.Contains("long", geocode);
        Assert.Contains("geocode", geocode);

        var outside = Valid();
        outside["lat"] = "39.9";
        outside["long"] = "116.4";
        outside["locale"] = "en";
        Assert.Contains("outside the district", await JsonErrorAsync(await PostAsync(client, "json", outside), HttpStatusCode.BadRequest));

        var badLat = Valid();
        badLat["lat"] = "north";
        Assert.Contains("lat", await JsonErrorAsync(await PostAsync(client, "json", badLat), HttpStatusCode.BadRequest));

        var unknown = Valid();
        unknown["service_code"] = "no_such_hazard";
        Assert.Contains("no_such_hazard", await XmlErrorAsync(await PostAsync(client, "xml", unknown), HttpStatusCode.NotFound));
        Assert.Contains("no_such_hazard", await JsonErrorAsync(await PostAsync(client, "json", unknown), HttpStatusCode.NotFound));

        var noDescription = Valid();
        noDescription["description"] = "   ";
        Assert.Contains("description", await JsonErrorAsync(await PostAsync(client, "json", noDescription), HttpStatusCode.BadRequest));
        var tooLong = Valid();
        tooLong["description"] = new string('长', 2001);
        Assert.Contains("description", await XmlErrorAsync(await PostAsync(client, "xml", tooLong), HttpStatusCode.BadRequest));

        var several = Valid();
        several.Remove("service_code");
        several["description"] = " ";
        several["media_url"] = "ftp://example.org/a.jpg";
        several["locale"] = "en";
        var all = await JsonAsync(await PostAsync(client, "json", several), HttpStatusCode.BadRequest);
        Assert.Equal(
            ["service_code: service_code is required", "description: description is required", "media_url: media_url 'ftp://example.org/a.jpg' is not an absolute http(s) URL"],
            all.EnumerateArray().Select(e => e.GetProperty("description").GetString()));

        var badMedia = Valid();
        badMedia["media_url"] = "javascript:alert(1)";
        Assert.Contains("media_url", await JsonErrorAsync(await PostAsync(client, "json", badMedia), HttpStatusCode.BadRequest));

        var attribute = Valid();
        attribute["attribute[WHISPAWN]"] = "1";
        Assert.Contains("attribute", await JsonErrorAsync(await PostAsync(client, "json", attribute), HttpStatusCode.BadRequest));

        var jurisdiction = Valid();
        jurisdiction["jurisdiction_id"] = "city.gov";
        Assert.Contains("jurisdiction_id", await XmlErrorAsync(await PostAsync(client, "xml", jurisdiction), HttpStatusCode.NotFound));

        Assert.Equal(cases, await CountAsync("hazard_case"));
        Assert.Equal(requests, await CountAsync("open311_request"));
    }

    [Fact]
    public async Task Reading_requests_needs_a_valid_key()
    {
        using var client = Anonymous();

        Assert.Contains("api_key", await XmlErrorAsync(await client.GetAsync("/open311/v2/requests.xml", Ct), HttpStatusCode.Forbidden));
        Assert.Contains("api_key", await JsonErrorAsync(await client.GetAsync("/open311/v2/requests.json?api_key=nope", Ct), HttpStatusCode.Forbidden));
        Assert.Contains("api_key", await JsonErrorAsync(
            await client.GetAsync("/open311/v2/requests/441302010-20261124-0001.json", Ct), HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task Get_requests_filters_by_id_service_status_and_dates()
    {
        var (_, key) = await CreateKeyAsync(app, "filter-test");
        var k = Uri.EscapeDataString(key);
        using var client = Anonymous();
        var numbers = new List<string>();
        var services = new[] { "biz_clinic", "biz_internet_cafe", "biz_childcare" };
        for (var i = 0; i < services.Length; i++)
        {
            var place = await app.GridWithOfficerAsync(20 + i);
            var posted = await JsonAsync(await PostAsync(client, "json", Report(key, services[i], place.Lat, place.Lon, $"筛选测试 {i}")), HttpStatusCode.OK);
            numbers.Add(posted[0].GetProperty("service_request_id").GetString()!);
        }

        // The third is cancelled as a duplicate of the first: closed, and says so.
        using var command = await app.SignedInAsync("command");
        var ids = new List<long>();
        foreach (var number in numbers)
        {
            ids.Add(await app.Database.ScalarAsync<long>($"SELECT id FROM hazard_case WHERE number = '{number}'", Ct));
        }

        var cancel = await command.PostAsJsonAsync($"/api/v1/cases/{ids[2]}/transitions",
            new { action = "cancel", note = "与房东张三家同一问题", cancelReason = "duplicate", duplicateOf = ids[0] }, Ct);
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync(Ct));

        async Task<List<JsonElement>> QueryAsync(string query)
        {
            var json = await JsonAsync(await client.GetAsync($"/open311/v2/requests.json?api_key={k}&{query}", Ct), HttpStatusCode.OK);
            var list = json.EnumerateArray().ToList();
            Assert.All(list, r => Assert.Equal(RequestFields, r.EnumerateObject().Select(p => p.Name)));
            return list;
        }

        List<string?> Ours(List<JsonElement> list) =>
            list.Select(r => r.GetProperty("service_request_id").GetString()).Where(id => id is not null && numbers.Contains(id)).ToList();

        var byId = await QueryAsync($"service_request_id={numbers[2]},{numbers[0]}&status=open&service_code=env_dumping");
        Assert.Equal([numbers[0], numbers[2]], byId.Select(r => r.GetProperty("service_request_id").GetString()).Order());

        Assert.Equal([numbers[0], numbers[1], numbers[2]], Ours(await QueryAsync("")).Order());
        Assert.Equal([numbers[1]], Ours(await QueryAsync("service_code=biz_internet_cafe")));
        Assert.Equal([numbers[0], numbers[1]], Ours(await QueryAsync("service_code=biz_clinic,biz_internet_cafe")).Order());

        var closed = await QueryAsync("status=closed");
        Assert.Equal([numbers[2]], Ours(closed));
        var cancelled = closed.Single(r => r.GetProperty("service_request_id").GetString() == numbers[2]);
        Assert.Equal("closed", cancelled.GetProperty("status").GetString());
        Assert.Contains(numbers[0], cancelled.GetProperty("status_notes").GetString());
        Assert.DoesNotContain("张三", cancelled.GetProperty("status_notes").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("expected_datetime").ValueKind);
        Assert.Equal([numbers[0], numbers[1]], Ours(await QueryAsync("status=open")).Order());
        Assert.Equal(3, Ours(await QueryAsync("status=open,closed")).Count);

        Assert.Equal(3, Ours(await QueryAsync("start_date=2026-11-24T09:00:00%2B08:00&end_date=2026-11-24T02:30:00Z")).Count);
        Assert.Empty(Ours(await QueryAsync("start_date=2026-11-24T11:00:00%2B08:00")));
        Assert.Empty(Ours(await QueryAsync("end_date=2026-11-24T09:59:59")));

        Assert.Contains("90", await JsonErrorAsync(
            await client.GetAsync($"/open311/v2/requests.json?api_key={k}&start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z", Ct), HttpStatusCode.BadRequest));
        Assert.Contains("status", await XmlErrorAsync(await client.GetAsync($"/open311/v2/requests.xml?api_key={k}&status=pending", Ct), HttpStatusCode.BadRequest));
        Assert.Contains("start_date", await XmlErrorAsync(await client.GetAsync($"/open311/v2/requests.xml?api_key={k}&start_date=yesterday", Ct), HttpStatusCode.BadRequest));
        Assert.Contains("441302010", await XmlErrorAsync(
            await client.GetAsync($"/open311/v2/requests/441302010-20991231-0001.xml?api_key={k}", Ct), HttpStatusCode.NotFound));
        Assert.Contains("nonsense", await JsonErrorAsync(await client.GetAsync($"/open311/v2/requests/nonsense.json?api_key={k}", Ct), HttpStatusCode.NotFound));

        // The list in XML has the same fields in the same order.
        var xml = await XmlAsync(await client.GetAsync($"/open311/v2/requests.xml?api_key={k}&service_request_id={numbers[1]}", Ct), HttpStatusCode.OK);
        var one = Assert.Single(xml.Root!.Elements());
        Assert.Equal("request", one.Name.LocalName);
        Assert.Equal(RequestFields, one.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("无证网吧（黑网吧）", one.Element("service_name")!.Value);
    }

    [Fact]
    public async Task The_discovery_document_lists_the_endpoint_in_both_formats()
    {
        using var client = Anonymous();

        var xml = await XmlAsync(await client.GetAsync("/open311/discovery.xml", Ct), HttpStatusCode.OK);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], xml.Root!.Elements().Select(e => e.Name.LocalName));
        var endpoint = Assert.Single(xml.Root.Element("endpoints")!.Elements("endpoint"));
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.Element("specification")!.Value);
        Assert.EndsWith("/open311/v2", endpoint.Element("url")!.Value);
        Assert.Equal(["text/xml", "application/json"], endpoint.Element("formats")!.Elements("format").Select(f => f.Value));

        var json = await JsonAsync(await client.GetAsync("/open311/discovery.json", Ct), HttpStatusCode.OK);
        Assert.Equal("application/json", json.GetProperty("endpoints")[0].GetProperty("formats")[1].GetString());
    }
}
