using System.Globalization;
using System.Text.RegularExpressions;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Checks a <see cref="JobSpec"/> and turns it into the wire request. Error messages name the offending field and key,
/// never a secret value.
/// </summary>
internal static partial class JobSpecValidator
{
    /// <summary>Longest label key or value the Hub accepts.</summary>
    internal const int MaxLabelLength = 100;

    /// <summary>Validates <paramref name="spec"/> and builds the request body.</summary>
    /// <exception cref="ArgumentException">A field is invalid; the message names it and says why.</exception>
    public static JobSpecRequest ToRequest(JobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Image is null)
        {
            throw Invalid("Image must be set: a Docker image such as 'python:3.12' or a Space image.");
        }

        var command = CheckList(spec.Command, "Command");
        var arguments = CheckList(spec.Arguments, "Arguments");
        var environment = CheckEnvironment(spec.Environment);
        var secrets = CheckSecrets(spec.Secrets, environment);
        if (spec.Flavor.Value.Length == 0)
        {
            throw Invalid("Flavor is unset; use JobFlavor.CpuBasic or another flavor.");
        }

        if (spec.Timeout is { Seconds: 0 })
        {
            throw Invalid("Timeout is the default (0 s) value; leave it null for the Hub's default of 30 minutes.");
        }

        // Before any check that quotes a value, so that no error message can carry a secret.
        GuardAgainstLeakedSecrets(secrets, command, arguments, environment, spec);
        var labels = CheckLabels(spec);
        var volumes = CheckVolumes(spec.Volumes);

        return new JobSpecRequest
        {
            Command = command,
            Arguments = arguments,
            Environment = environment,
            Flavor = spec.Flavor,
            Secrets = secrets.Count == 0 ? null : secrets,
            TimeoutSeconds = spec.Timeout?.Seconds,
            Labels = labels,
            Volumes = volumes.Count == 0 ? null : volumes,
            DockerImage = spec.Image.DockerImage,
            SpaceId = spec.Image.SpaceId?.ToString(),
        };
    }

    /// <summary>Why a label key or value is invalid, or <see langword="null"/>.</summary>
    internal static string? ValidateLabelPart(string? text, string what, bool allowEmpty)
    {
        if (text is null || (text.Length == 0 && !allowEmpty))
        {
            return $"{what} must not be empty";
        }

        if (text.Length > MaxLabelLength)
        {
            return $"{what} '{text[..20]}…' is {text.Length} characters long; at most {MaxLabelLength} are allowed";
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))
            {
                return $"{what} '{text}' contains '{(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString())}'; only A-Z, a-z, 0-9, '.', '_' and '-' are allowed";
            }
        }

        return null;
    }

    private static List<string> CheckList(IReadOnlyList<string>? items, string field)
    {
        if (items is null)
        {
            throw Invalid($"{field} must not be null; use an empty list.");
        }

        var copy = new List<string>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            copy.Add(items[i] ?? throw Invalid($"{field}[{i}] is null."));
        }

        return copy;
    }

    private static Dictionary<string, string> CheckEnvironment(IReadOnlyDictionary<string, string>? environment)
    {
        if (environment is null)
        {
            throw Invalid("Environment must not be null; use an empty dictionary.");
        }

        var copy = new Dictionary<string, string>(environment.Count, StringComparer.Ordinal);
        foreach (var (name, value) in environment)
        {
            if (ValidateVariableName(name) is { } error)
            {
                throw Invalid($"Environment variable {error}.");
            }

            copy[name] = value ?? throw Invalid($"Environment variable '{name}' has a null value; use an empty string or remove it.");
        }

        return copy;
    }

    private static Dictionary<string, JobSecret> CheckSecrets(IReadOnlyDictionary<string, JobSecret>? secrets, Dictionary<string, string> environment)
    {
        if (secrets is null)
        {
            throw Invalid("Secrets must not be null; use an empty dictionary.");
        }

        var copy = new Dictionary<string, JobSecret>(secrets.Count, StringComparer.Ordinal);
        foreach (var (name, secret) in secrets)
        {
            if (ValidateVariableName(name) is { } error)
            {
                throw Invalid($"Secret {error}.");
            }

            if (environment.ContainsKey(name))
            {
                throw Invalid($"'{name}' is both an environment variable and a secret; keep it in Secrets only.");
            }

            copy[name] = secret ?? throw Invalid($"Secret '{name}' is null.");
        }

        return copy;
    }

    private static Dictionary<string, string>? CheckLabels(JobSpec spec)
    {
        var source = spec.Labels ?? throw Invalid("Labels must not be null; use an empty dictionary.");
        var labels = new Dictionary<string, string>(source.Count + 1, StringComparer.Ordinal);
        foreach (var (key, value) in source)
        {
            if ((ValidateLabelPart(key, "label key", allowEmpty: false) ?? ValidateLabelPart(value, $"the value of label '{key}'", allowEmpty: true)) is { } error)
            {
                throw Invalid($"Labels: {error}.");
            }

            labels[key] = value;
        }

        if (spec.Name is not null)
        {
            if (labels.ContainsKey("name"))
            {
                throw Invalid("Name and Labels[\"name\"] are both set; set only one of them.");
            }

            if (ValidateLabelPart(spec.Name, "the Job name", allowEmpty: false) is { } error)
            {
                throw Invalid($"Name: {error}.");
            }

            labels["name"] = spec.Name;
        }
        else if (!labels.ContainsKey("name"))
        {
            labels["name"] = JobNaming.DefaultName(spec.Image, spec.Command);
        }

        return labels;
    }

    private static List<JobVolume> CheckVolumes(IReadOnlyList<JobVolume>? volumes)
    {
        if (volumes is null)
        {
            throw Invalid("Volumes must not be null; use an empty list.");
        }

        var mountPaths = new HashSet<string>(StringComparer.Ordinal);
        var copy = new List<JobVolume>(volumes.Count);
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i] ?? throw Invalid($"Volumes[{i}] is null.");
            if (!mountPaths.Add(volume.MountPath.TrimEnd('/')))
            {
                throw Invalid($"Volumes[{i}] mounts at '{volume.MountPath}', which another volume already uses.");
            }

            copy.Add(volume);
        }

        return copy;
    }

    // The token must travel in 'secrets' only: refuse a spec that repeats a secret value, or carries something shaped
    // like a Hugging Face user token, in a field the Hub stores and shows in clear.
    private static void GuardAgainstLeakedSecrets(
        Dictionary<string, JobSecret> secrets,
        List<string> command,
        List<string> arguments,
        Dictionary<string, string> environment,
        JobSpec spec)
    {
        foreach (var (field, text) in ClearFields(command, arguments, environment, spec))
        {
            foreach (var (name, secret) in secrets)
            {
                if (secret.OccursIn(text))
                {
                    throw Invalid($"The value of secret '{name}' also appears in {field}; a secret must be passed through Secrets only.");
                }
            }

            if (UserTokenShape().IsMatch(text))
            {
                throw Invalid($"{field} contains what looks like a Hugging Face access token; pass it through Secrets instead (e.g. Secrets[\"HF_TOKEN\"]).");
            }
        }
    }

    private static IEnumerable<(string Field, string Text)> ClearFields(
        List<string> command,
        List<string> arguments,
        Dictionary<string, string> environment,
        JobSpec spec)
    {
        for (var i = 0; i < command.Count; i++)
        {
            yield return ($"Command[{i}]", command[i]);
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            yield return ($"Arguments[{i}]", arguments[i]);
        }

        foreach (var (name, value) in environment)
        {
            yield return ($"environment variable '{name}'", value);
        }

        foreach (var (key, value) in spec.Labels ?? new Dictionary<string, string>(StringComparer.Ordinal))
        {
            yield return ("a label key", key ?? string.Empty);
            yield return ("a label value", value ?? string.Empty);
        }

        if (spec.Name is not null)
        {
            yield return ("Name", spec.Name);
        }

        var volumes = spec.Volumes ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            yield return ($"Volumes[{i}]", volumes[i]?.ToString() ?? string.Empty);
        }
    }

    private static string? ValidateVariableName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "names must not be empty";
        }

        foreach (var c in name)
        {
            if (c == '=' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return $"name '{name.ReplaceLineEndings(" ")}' contains '{(char.IsControl(c) ? "a control character" : c.ToString())}'; names must not contain '=', blanks or control characters";
            }
        }

        return null;
    }

    // Reported against the 'spec' argument of RunJobAsync/ToRequest, the parameter the caller got wrong.
#pragma warning disable MA0015, CA2208
    private static ArgumentException Invalid(string message) => new($"Invalid JobSpec: {TokenShapes.Redact(message)}", "spec");
#pragma warning restore MA0015, CA2208

    // A user access token: 'hf_' followed by 34 letters and digits, not part of a longer word.
    [GeneratedRegex("(?<![A-Za-z0-9])hf_[A-Za-z0-9]{34}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex UserTokenShape();
}
