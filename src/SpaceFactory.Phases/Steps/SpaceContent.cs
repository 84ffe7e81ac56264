using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Steps;

/// <summary>What a Space holds compared with the files it should hold (read from its head commit).</summary>
/// <param name="Sha">The head commit, if the Space has one.</param>
/// <param name="Private">Whether the Hub reports it private.</param>
/// <param name="Missing">Expected files the Space lacks.</param>
/// <param name="Different">Expected files whose content differs (compared only when none is missing).</param>
public sealed record SpaceContent(string? Sha, bool? Private, IReadOnlyList<string> Missing, IReadOnlyList<string> Different)
{
    /// <summary>Whether the Space holds every expected file with the expected content.</summary>
    public bool HoldsAll => Sha is not null && Missing.Count == 0 && Different.Count == 0;

    /// <summary>Reads the Space's info and downloads each expected file that is present to compare it.</summary>
    /// <param name="hub">The Hub client.</param>
    /// <param name="space">The Space.</param>
    /// <param name="files">The expected files.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The comparison.</returns>
    public static async Task<SpaceContent> ReadAsync(HubClient hub, RepoId space, IReadOnlyList<GeneratedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(files);
        var info = await hub.GetSpaceInfoAsync(space, cancellationToken: cancellationToken).ConfigureAwait(false);
        return await CompareAsync(hub, space, info, files, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Compares the Space described by <paramref name="info"/> (already read) with the expected files.</summary>
    internal static async Task<SpaceContent> CompareAsync(HubClient hub, RepoId space, SpaceInfo info, IReadOnlyList<GeneratedFile> files, CancellationToken cancellationToken)
    {
        var present = (info.Siblings ?? []).Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        var missing = files.Where(f => !present.Contains(f.Path)).Select(f => f.Path).ToArray();
        var different = new List<string>();
        // A missing file already decides the answer: the others are not downloaded.
        if (info.Sha is not null && missing.Length == 0)
        {
            foreach (var file in files.Where(f => present.Contains(f.Path)))
            {
                var stream = await hub.DownloadFileAsync(space, RepoType.Space, file.Path, info.Sha, cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    using var reader = new StreamReader(stream);
                    if (!string.Equals(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), file.Content, StringComparison.Ordinal))
                    {
                        different.Add(file.Path);
                    }
                }
            }
        }

        return new SpaceContent(info.Sha, info.Private, missing, different);
    }
}
