using System.Diagnostics.CodeAnalysis;

namespace SpaceFactory.Hf;

/// <summary>
/// A validated repository id, <c>namespace/name</c> (or a bare <c>name</c> owned by the token's user), following the
/// Hub's rules: ASCII letters, digits, <c>-</c>, <c>_</c> and <c>.</c>; each part starts and ends with a letter,
/// digit or <c>_</c>; no <c>--</c> or <c>..</c>; the name is 1–96 characters and does not end in <c>.git</c>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(RepoIdJsonConverter))]
public readonly record struct RepoId : IParsable<RepoId>
{
    /// <summary>Longest repository name the Hub accepts.</summary>
    public const int MaxNameLength = 96;

    private RepoId(string? @namespace, string name)
    {
        Namespace = @namespace;
        Name = name;
    }

    /// <summary>The owner (user or organisation), or <see langword="null"/> for the token's own namespace.</summary>
    public string? Namespace { get; }

    /// <summary>The repository name.</summary>
    public string Name { get; }

    /// <summary>Creates an id from its two parts, validating both.</summary>
    /// <param name="namespace">The owner; <see langword="null"/> for the token's own namespace.</param>
    /// <param name="name">The repository name.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException">A part breaks the Hub's rules; the message names which and why.</exception>
    public static RepoId Create(string? @namespace, string name)
    {
        var error = ValidatePart(name, "name", MaxNameLength) ?? (@namespace is null ? null : ValidatePart(@namespace, "namespace", MaxNameLength));
        return error is null ? new RepoId(@namespace, name) : throw new ArgumentException(error, @namespace is null ? nameof(name) : nameof(@namespace));
    }

    /// <summary>Parses <c>namespace/name</c> or <c>name</c>.</summary>
    /// <param name="s">The id.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException">The id breaks the Hub's rules; the message names the bad part.</exception>
    public static RepoId Parse(string s) => Parse(s, provider: null);

    /// <summary>Parses <c>namespace/name</c> or <c>name</c>.</summary>
    /// <param name="s">The id.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException">The id breaks the Hub's rules; the message names the bad part.</exception>
    public static RepoId Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var id, out var error) ? id : throw new ArgumentException(error, nameof(s));
    }

    /// <inheritdoc />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out RepoId result) =>
        TryParse(s, out result, out _);

    /// <summary>Parses <c>namespace/name</c> or <c>name</c>, saying what is wrong when it fails.</summary>
    /// <param name="s">The id.</param>
    /// <param name="result">The id when valid.</param>
    /// <param name="error">Why the id is invalid, naming the bad part.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out RepoId result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (string.IsNullOrEmpty(s))
        {
            error = "A repository id must not be empty; expected 'namespace/name'.";
            return false;
        }

        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && s.IndexOf('/', slash + 1) >= 0)
        {
            error = $"Repository id '{Printable(s)}' has more than one '/'; expected 'namespace/name'.";
            return false;
        }

        var ns = slash < 0 ? null : s[..slash];
        var name = slash < 0 ? s : s[(slash + 1)..];
        error = (ns is null ? null : ValidatePart(ns, "namespace", MaxNameLength)) ?? ValidatePart(name, "name", MaxNameLength);
        if (error is not null)
        {
            error = $"Repository id '{Printable(s)}' is invalid: {error}";
            return false;
        }

        result = new RepoId(ns, name);
        return true;
    }

    /// <summary>The id with the namespace filled in from <paramref name="defaultNamespace"/> when it has none.</summary>
    /// <param name="defaultNamespace">Usually the token owner's name from whoami.</param>
    /// <returns>A fully qualified id.</returns>
    public RepoId WithDefaultNamespace(string defaultNamespace) =>
        Namespace is null ? Create(defaultNamespace, Name) : this;

    /// <summary><c>namespace/name</c>, or <c>name</c> when there is no namespace.</summary>
    /// <returns>The id as the Hub spells it.</returns>
    public override string ToString() => Namespace is null ? Name ?? string.Empty : $"{Namespace}/{Name}";

    /// <summary>Why <paramref name="value"/> is not a valid id part, or <see langword="null"/> when it is.</summary>
    internal static string? ValidatePart(string? value, string part, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"the {part} is empty.";
        }

        if (value.Length > maxLength)
        {
            return $"the {part} is {value.Length} characters long; at most {maxLength} are allowed.";
        }

        foreach (var c in value)
        {
            if (!IsAllowed(c))
            {
                return $"the {part} '{Printable(value)}' contains '{Printable(c.ToString())}'; only ASCII letters, digits, '-', '_' and '.' are allowed.";
            }
        }

        if (!IsWordChar(value[0]) || !IsWordChar(value[^1]))
        {
            return $"the {part} '{value}' must start and end with a letter, digit or '_'.";
        }

        if (value.Contains("--", StringComparison.Ordinal) || value.Contains("..", StringComparison.Ordinal))
        {
            return $"the {part} '{value}' must not contain '--' or '..'.";
        }

        if (value.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            return $"the {part} '{value}' must not end with '.git'.";
        }

        return null;
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool IsAllowed(char c) => IsWordChar(c) || c is '-' or '.';

    private static string Printable(string value)
    {
        var clean = new string([.. value.Take(120).Select(c => char.IsControl(c) ? '?' : c)]);
        return value.Length > 120 ? clean + "…" : clean;
    }
}
