using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Xml;

namespace GridMap.Web.Open311;

/// <summary>A value of a GeoReport document; one tree is written as XML or JSON (the Spark convention).</summary>
public abstract record Open311Value;

/// <summary>Text; null is JSON null and an empty XML element.</summary>
public sealed record Open311Text(string? Value) : Open311Value;

public sealed record Open311Number(double Value) : Open311Value;

public sealed record Open311Integer(long Value) : Open311Value;

public sealed record Open311Bool(bool Value) : Open311Value;

/// <summary>Named fields in the specification's order.</summary>
public sealed record Open311Object(IReadOnlyList<KeyValuePair<string, Open311Value>> Fields) : Open311Value
{
    public static Open311Object Of(params (string Name, Open311Value Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList());
}

/// <summary>A list: XML repeats <see cref="ItemName"/> inside the parent element, JSON writes an array.</summary>
public sealed record Open311List(string ItemName, IReadOnlyList<Open311Value> Items) : Open311Value;

public enum Open311Format
{
    Xml,
    Json,
}

/// <summary>
/// Writes a GeoReport v2 document. XML: UTF-8 with the declaration, no namespace, the root
/// element named as the specification names it (services, service_definition,
/// service_requests, errors, discovery). JSON: the same tree by the Spark convention (the root
/// list becomes a top-level array, a repeated element an array, text a string or null).
/// </summary>
public static class Open311Document
{
    public const string XmlContentType = "text/xml; charset=utf-8";
    public const string JsonContentType = "application/json; charset=utf-8";

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), Indented = false };

    public static bool TryParseFormat(string? text, out Open311Format format)
    {
        switch (text?.ToLowerInvariant())
        {
            case "xml": format = Open311Format.Xml; return true;
            case "json": format = Open311Format.Json; return true;
            default: format = Open311Format.Xml; return false;
        }
    }

    public static IResult Result(Open311Format format, string root, Open311Value body, int statusCode = StatusCodes.Status200OK)
    {
        var bytes = format == Open311Format.Json ? ToJson(body) : ToXml(root, body);
        return new BytesResult(bytes, format == Open311Format.Json ? JsonContentType : XmlContentType, statusCode);
    }

    private sealed class BytesResult(byte[] bytes, string contentType, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = bytes.Length;
            return httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
        }
    }

    public static byte[] ToJson(Open311Value body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_json))
        {
            WriteJson(writer, body);
        }

        return stream.ToArray();
    }

    public static byte[] ToXml(string root, Open311Value body)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(root);
            WriteXmlContent(writer, body);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter writer, Open311Value value)
    {
        switch (value)
        {
            case Open311Text { Value: null }:
                writer.WriteNullValue();
                break;
            case Open311Text text:
                writer.WriteStringValue(text.Value);
                break;
            case Open311Number number:
                writer.WriteNumberValue(number.Value);
                break;
            case Open311Integer integer:
                writer.WriteNumberValue(integer.Value);
                break;
            case Open311Bool flag:
                writer.WriteBooleanValue(flag.Value);
                break;
            case Open311Object obj:
                writer.WriteStartObject();
                foreach (var (name, field) in obj.Fields)
                {
                    writer.WritePropertyName(name);
                    WriteJson(writer, field);
                }

                writer.WriteEndObject();
                break;
            case Open311List list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteXmlContent(XmlWriter writer, Open311Value value)
    {
        switch (value)
        {
            case Open311Text text:
                if (text.Value is { Length: > 0 })
                {
                    writer.WriteString(text.Value);
                }

                break;
            case Open311Number number:
                writer.WriteString(number.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case Open311Integer integer:
                writer.WriteString(integer.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case Open311Bool flag:
                writer.WriteString(flag.Value ? "true" : "false");
                break;
            case Open311Object obj:
                foreach (var (name, field) in obj.Fields)
                {
                    writer.WriteStartElement(name);
                    WriteXmlContent(writer, field);
                    writer.WriteEndElement();
                }

                break;
            case Open311List list:
                foreach (var item in list.Items)
                {
                    writer.WriteStartElement(list.ItemName);
                    WriteXmlContent(writer, item);
                    writer.WriteEndElement();
                }

                break;
        }
    }
}

/// <summary>One entry of the specification's error list.</summary>
public sealed record Open311Error(int Code, string Description);

public static class Open311Errors
{
    /// <summary>The specification's error document, with the HTTP status of the first error.</summary>
    public static IResult Result(Open311Format format, int status, params Open311Error[] errors) =>
        Open311Document.Result(format, "errors", new Open311List("error", errors.Select(e => (Open311Value)Open311Object.Of(
            ("code", new Open311Integer(e.Code)),
            ("description", new Open311Text(e.Description)))).ToList()), status);

    public static IResult BadRequest(Open311Format format, string description) =>
        Result(format, StatusCodes.Status400BadRequest, new Open311Error(400, description));

    public static IResult NotFound(Open311Format format, string description) =>
        Result(format, StatusCodes.Status404NotFound, new Open311Error(404, description));

    public static IResult Forbidden(Open311Format format, string description) =>
        Result(format, StatusCodes.Status403Forbidden, new Open311Error(403, description));
}
