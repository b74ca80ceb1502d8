using System.Globalization;
using GridMap.Domain.Cases;
using Microsoft.Extensions.Localization;

namespace GridMap.Web.Cases;

/// <summary>
/// Turns the Domain's <see cref="FieldError"/>s into messages in the request's language (resources
/// "Validation_{code}" with the field's name "Field_{field}" as {0} and the error's arguments
/// after it) and into the APIs' validation problem (400, <c>errors: { field: [message, …] }</c>).
/// </summary>
public sealed class FieldErrorText(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The field's name as people read it; the key itself when there is no resource for it.</summary>
    public string FieldName(string field)
    {
        var name = localizer[$"Field_{field}"];
        return name.ResourceNotFound ? field : name.Value;
    }

    public string Message(FieldError error)
    {
        var args = new object[error.Args.Length + 1];
        args[0] = FieldName(error.Field);
        for (var i = 0; i < error.Args.Length; i++)
        {
            args[i + 1] = error.Args[i] is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : error.Args[i];
        }

        var text = localizer[$"Validation_{error.Code}", args];
        return text.ResourceNotFound ? error.ToString() : text.Value;
    }

    /// <summary>Messages by field, in the order the rules found them; <paramref name="rename"/> maps a rule's field key onto the protocol's.</summary>
    public Dictionary<string, string[]> ByField(IEnumerable<FieldError> errors, Func<string, string>? rename = null) =>
        errors
            .GroupBy(e => rename?.Invoke(e.Field) ?? e.Field)
            .ToDictionary(g => g.Key, g => g.Select(Message).ToArray());

    /// <summary>400 with every field's messages, as ASP.NET Core's ValidationProblemDetails.</summary>
    public IResult Problem(IEnumerable<FieldError> errors) => Results.ValidationProblem(ByField(errors));
}
