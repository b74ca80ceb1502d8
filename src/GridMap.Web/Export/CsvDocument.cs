using System.Text;

namespace GridMap.Web.Export;

/// <summary>
/// CSV as the console's exports write it (RFC 4180: comma separated, CRLF line ends, fields with a
/// comma, quote or line break quoted and quotes doubled) in UTF-8 with a byte-order mark, which
/// Excel needs to read Chinese text as UTF-8 rather than as GBK. A field that a spreadsheet would
/// run as a formula (it starts with =, +, -, @, a tab or a carriage return) is written with a
/// leading apostrophe: descriptions and names are typed by people, and an export must not carry
/// their formulas into the command centre's spreadsheet (CSV injection).
/// </summary>
public sealed class CsvDocument
{
    private readonly StringBuilder _text = new();

    public CsvDocument Line(IEnumerable<string?> fields)
    {
        _text.AppendJoin(',', fields.Select(f => Field(f ?? "")));
        _text.Append("\r\n");
        return this;
    }

    public byte[] ToBytes()
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(_text.ToString())];
    }

    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
