using System.Globalization;
using System.Text.Json;
using SpaceFactory.Hf;

namespace SpaceFactory.Web.Runs;

/// <summary>
/// Checks the launch forms before any Job starts (a typo must not cost a paid Job start): each problem is a sentence
/// kept by the field it is about. Ids use the SDK's own rules (<see cref="RepoId"/>); targets must be in one of the
/// namespaces the signed-in user may write (theirs or an organisation of <c>whoami-v2</c>).
/// </summary>
internal sealed class RunFormCheck(Uri hub, IReadOnlyCollection<string> namespaces)
{
    /// <summary>Longest app title accepted.</summary>
    public const int MaxTitleLength = 100;

    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    /// <summary>Field name → what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string> Errors => _errors;

    public bool IsValid => _errors.Count == 0;

    /// <summary>A model id (<c>owner/name</c>) or its model-card URL on the configured Hub; the id, or null.</summary>
    public string? Model(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return Fail(field, "Give a model id (owner/name) or its model-card URL.");
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                return Fail(field, "This is not a web address; give owner/name or the model page's URL.");
            }

            if (!string.Equals(url.Host, hub.Host, StringComparison.OrdinalIgnoreCase))
            {
                return Fail(field, $"Refused: the model card must be on {hub.Host}, not on {url.Host}; SpaceFactory reads model cards from the configured Hub only.");
            }

            text = string.Join('/', url.AbsolutePath.Trim('/').Split('/').Take(2));
        }

        if (!RepoId.TryParse(text, out var id, out var error))
        {
            return Fail(field, $"The model id is invalid: {error}");
        }

        return id.Namespace is null ? Fail(field, $"The model '{text}' needs its owner, e.g. sshleifer/tiny-gpt2.") : id.ToString();
    }

    /// <summary>A target Space: a name (in the user's namespace) or <c>namespace/name</c> in a namespace the user may write.</summary>
    public string? Space(string field, string? value, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return required ? Fail(field, "Give the Space to validate (namespace/name).") : null;
        }

        if (!RepoId.TryParse(text, out var id, out var error))
        {
            return Fail(field, $"The Space is invalid: {error}");
        }

        if (id.Namespace is null)
        {
            return required ? Fail(field, $"Give the Space with its namespace, e.g. {namespaces.FirstOrDefault() ?? "you"}/{id.Name}.") : id.Name;
        }

        return namespaces.Contains(id.Namespace, StringComparer.OrdinalIgnoreCase)
            ? id.ToString()
            : Fail(field, $"Refused: '{id.Namespace}' is neither you nor one of your organisations ({string.Join(", ", namespaces)}); targets must be yours.");
    }

    /// <summary>An endpoint name such as <c>/predict</c> (letters, digits and underscores after the slash).</summary>
    public string? Endpoint(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var name = text.TrimStart('/');
        var valid = name.Length is > 0 and <= 100 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return valid ? "/" + name : Fail(field, "An endpoint is a name such as /predict: letters, digits and underscores after the slash.");
    }

    /// <summary>Inputs as a JSON array, e.g. <c>["hello", 3]</c>.</summary>
    public string? Inputs(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? text
                : Fail(field, "The inputs must be a list in square brackets, e.g. [\"hello\", 3].");
        }
        catch (JsonException ex)
        {
            var at = ex.BytePositionInLine is { } position ? $" near character {position + 1}" : string.Empty;
            return Fail(field, $"The inputs are not valid JSON{at}; write a list such as [\"hello\", 3] (text in double quotes).");
        }
    }

    /// <summary>A whole number from 1 to 100.</summary>
    public string? Calls(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var calls) && calls is >= 1 and <= 100
            ? calls.ToString(CultureInfo.InvariantCulture)
            : Fail(field, "Calls must be a whole number from 1 to 100.");
    }

    /// <summary>A short single-line title.</summary>
    public string? Title(string field, string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length <= MaxTitleLength && !text.Any(char.IsControl)
            ? text
            : Fail(field, $"The title must be one line of at most {MaxTitleLength} characters.");
    }

    private string? Fail(string field, string message)
    {
        _errors.TryAdd(field, message);
        return null;
    }
}
