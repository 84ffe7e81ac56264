using System.Reflection;
using PublicApiGenerator;

namespace SpaceFactory.Api.Tests;

/// <summary>What an approval found: the listing matches, differs, is missing, or was rewritten on request.</summary>
internal enum ApprovalVerdict
{
    /// <summary>The public surface equals the checked-in listing.</summary>
    Approved,

    /// <summary>The public surface differs from the listing; the message holds the diff.</summary>
    Changed,

    /// <summary>No listing is checked in; the message says how to create it.</summary>
    Missing,

    /// <summary>The listing was (re)written because <see cref="ApiApproval.UpdateVariable"/> is set.</summary>
    Updated,
}

/// <summary>The verdict of one approval and the text to show for it.</summary>
internal sealed record ApprovalResult(ApprovalVerdict Verdict, string Message);

/// <summary>
/// Compares an assembly's public API with its checked-in listing <c>api/&lt;Assembly&gt;.txt</c>. The listing is only
/// rewritten when <c>SPACEFACTORY_UPDATE_API=1</c> is set, so any surface change has to be committed on purpose.
/// </summary>
internal static class ApiApproval
{
    /// <summary>The environment variable that switches the approval to writing the listings.</summary>
    public const string UpdateVariable = "SPACEFACTORY_UPDATE_API";

    /// <summary>True when the environment asks for the listings to be rewritten.</summary>
    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The public API of <paramref name="assembly"/> as the listing holds it (LF line ends, final newline).</summary>
    public static string Listing(Assembly assembly)
    {
        var options = new ApiGeneratorOptions
        {
            // SourceLink's repository URL and the target framework say nothing about the API, and vary by clone.
            ExcludeAttributes = ["System.Reflection.AssemblyMetadataAttribute", "System.Runtime.Versioning.TargetFrameworkAttribute"],
        };
        return Normalize(assembly.GeneratePublicApi(options));
    }

    /// <summary>The checked-in listing's path for <paramref name="assembly"/>.</summary>
    public static string ListingPath(Assembly assembly) =>
        Path.Combine(RepoRoot.Path, "api", assembly.GetName().Name + ".txt");

    /// <summary>Compares <paramref name="current"/> with the listing at <paramref name="listingPath"/>, writing it first when <paramref name="update"/>.</summary>
    public static ApprovalResult Check(string current, string listingPath, bool update)
    {
        var name = Path.GetFileName(listingPath);
        if (update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(listingPath)!);
            File.WriteAllText(listingPath, current);
            return new(ApprovalVerdict.Updated, $"Wrote api/{name} from the built assembly; review and commit it.");
        }

        if (!File.Exists(listingPath))
        {
            return new(ApprovalVerdict.Missing,
                $"No public API listing api/{name} is checked in. Create it with "
                + $"`{UpdateVariable}=1 dotnet test tests/SpaceFactory.Api.Tests -c Release`, review it and commit it.");
        }

        return Compare(current, File.ReadAllText(listingPath), name);
    }

    /// <summary>Compares the current surface with an approved listing's text.</summary>
    public static ApprovalResult Compare(string current, string approved, string listingName)
    {
        var changes = LineDiff.Changes(Lines(Normalize(approved)), Lines(current));
        if (changes.Count == 0)
        {
            return new(ApprovalVerdict.Approved, $"api/{listingName} matches.");
        }

        return new(ApprovalVerdict.Changed,
            $"The public API differs from api/{listingName} ({changes.Count} line(s); '-' only in the listing, '+' only in the build):"
            + Environment.NewLine + LineDiff.Format(changes)
            + $"If the change is intended, rerun with {UpdateVariable}=1 and commit the listing.");
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');
}
