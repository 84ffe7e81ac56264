using System.Text;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Agents;

/// <summary>The folder the agent works in: filled from the generated files, then compared with what it held before.</summary>
public static class AgentWorkspace
{
    /// <summary>Writes <paramref name="files"/> into <paramref name="workspace"/>.</summary>
    /// <param name="workspace">The folder.</param>
    /// <param name="files">The files (paths relative, with <c>/</c>).</param>
    public static void Write(string workspace, IEnumerable<GeneratedFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            var path = Path.Combine(workspace, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content, new UTF8Encoding(false));
        }
    }

    /// <summary>Every file under <paramref name="workspace"/> by relative path (<c>/</c>), with its text.</summary>
    /// <param name="workspace">The folder.</param>
    /// <returns>The snapshot.</returns>
    public static IReadOnlyDictionary<string, string> Snapshot(string workspace) =>
        Directory.EnumerateFiles(workspace, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .ToDictionary(
                path => Path.GetRelativePath(workspace, path).Replace(Path.DirectorySeparatorChar, '/'),
                path => File.ReadAllText(path, Encoding.UTF8),
                StringComparer.Ordinal);

    /// <summary>What changed between two snapshots.</summary>
    /// <param name="before">The snapshot before the agent ran.</param>
    /// <param name="after">The snapshot after.</param>
    /// <returns>The added, removed and changed paths, sorted.</returns>
    public static WorkspaceChanges Compare(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new WorkspaceChanges(
            [.. after.Keys.Where(p => !before.ContainsKey(p)).Order(StringComparer.Ordinal)],
            [.. before.Keys.Where(p => !after.ContainsKey(p)).Order(StringComparer.Ordinal)],
            [.. before.Where(p => after.TryGetValue(p.Key, out var now) && !string.Equals(now, p.Value, StringComparison.Ordinal)).Select(p => p.Key).Order(StringComparer.Ordinal)]);
    }
}
