namespace SpaceFactory.Hf.Hub;

/// <summary>Validates secret and variable names with the Hub's rule <c>^[a-zA-Z][_a-zA-Z0-9]*$</c>.</summary>
internal static class SpaceSettingKey
{
    /// <summary>Returns <paramref name="key"/> or throws an <see cref="ArgumentException"/> naming what is wrong with it.</summary>
    public static string Validate(string? key, string paramName, string kind)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException($"A Space {kind} name must not be empty.", paramName);
        }

        if (!char.IsAsciiLetter(key[0]))
        {
            throw new ArgumentException($"Space {kind} name '{Printable(key)}' must start with an ASCII letter.", paramName);
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException(
                    $"Space {kind} name '{Printable(key)}' contains '{Printable(c.ToString())}'; only ASCII letters, digits and '_' are allowed.", paramName);
            }
        }

        return key;
    }

    private static string Printable(string value)
    {
        var clean = new string([.. value.Take(80).Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > 80 ? clean + "…" : clean;
    }
}
