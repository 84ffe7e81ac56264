using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Agents.Tasks;

/// <summary>
/// The wrapper's decision on a build workspace, on its own checks: <c>blockers.md</c> ends the run
/// <c>agent_blocked</c> with the reasons recorded; otherwise exactly <c>app.py</c>, <c>requirements.txt</c> and the
/// manifest, passing the content policy, the structure check and the manifest rules, become the app the usual
/// deploy and validation steps ship. Nothing the agent wrote ships unchecked.
/// </summary>
internal sealed class BuildJudge(AgentOutputPolicy policy)
{
    /// <summary>The model card, a data file the agent may read.</summary>
    public const string CardFile = "model_card.md";

    /// <summary>The file the agent writes instead of an app when real inference is impossible.</summary>
    public const string BlockersFile = "blockers.md";

    /// <summary>The most blockers recorded, and the longest one.</summary>
    public const int MaxBlockers = 20;

    private const int MaxBlockerChars = 300;
    private const int MaxFileBytes = 256 * 1024;
    private static readonly string[] AppFiles = ["app.py", "requirements.txt", GeneratedSpaceApp.ManifestFileName];

    /// <summary>Judges the workspace as the agent left it and hands the app on, or ends the run.</summary>
    public async Task<StepResult> JudgeAsync(PhaseContext context, string workspace, int toolCalls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.State.Get(FactoryState.Analysis);
        var paths = Directory.EnumerateFiles(workspace, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.None })
            .Select(p => Path.GetRelativePath(workspace, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(p => !string.Equals(p, CardFile, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (paths.Any(p => new FileInfo(Path.Combine(workspace, p)).Length > MaxFileBytes))
        {
            return Refused($"the agent wrote {string.Join(", ", paths.Where(p => new FileInfo(Path.Combine(workspace, p)).Length > MaxFileBytes))}, larger than the {MaxFileBytes / 1024} KiB a built file may have");
        }

        if (paths.Contains(BlockersFile, StringComparer.Ordinal))
        {
            return await BlockedAsync(context, analysis.Model.ToString(), await File.ReadAllTextAsync(Path.Combine(workspace, BlockersFile), cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        var extra = paths.Except(AppFiles, StringComparer.Ordinal).ToArray();
        var missing = AppFiles.Except(paths, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
        {
            var problems = missing.Select(p => "did not write " + p).Concat(extra.Select(p => "wrote " + p + ", which is not one of the app's files"));
            return Refused($"the agent {string.Join("; ", problems)} (a build writes exactly {string.Join(", ", AppFiles)}, or only {BlockersFile})");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in AppFiles)
        {
            files[path] = await File.ReadAllTextAsync(Path.Combine(workspace, path), cancellationToken).ConfigureAwait(false);
        }

        if (await policy.CheckContentAsync(files, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return Refused(refused.ToString());
        }

        if (BuildManifest.Read(files[GeneratedSpaceApp.ManifestFileName], out var why) is not { } manifest)
        {
            return Refused($"the agent's {GeneratedSpaceApp.ManifestFileName} {why}; nothing was uploaded");
        }

        if (await policy.Structure.CheckAsync(files["app.py"], [manifest.ApiName.TrimStart('/'), "health"], manifest.ApiName.TrimStart('/'), cancellationToken).ConfigureAwait(false) is { } broken)
        {
            return Refused(broken.ToString());
        }

        var app = new GeneratedAppRecord(SpaceFiles(analysis, manifest, files), manifest.Probe);
        context.State.Set(FactoryState.App, app);
        foreach (var file in app.Files)
        {
            await context.Recorder.WriteArtifactAsync("generated/" + file.Path, file.Content, cancellationToken).ConfigureAwait(false);
        }

        return StepResult.Completed($"the agent built an app for {analysis.Model} with endpoint {manifest.ApiName} (check {manifest.Check}); policy and structure checks passed ({toolCalls} tool calls)");
    }

    /// <summary>The reasons in <c>blockers.md</c>: one per line, bullets and headings stripped, bounded in number and length.</summary>
    public static IReadOnlyList<string> ReadBlockers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('\n')
            .Select(line => line.Trim().TrimStart('-', '*', '+', '#', ' ', '\t').Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Length <= MaxBlockerChars ? line : line[..MaxBlockerChars] + "…")
            .Take(MaxBlockers)];
    }

    private static async Task<StepResult> BlockedAsync(PhaseContext context, string model, string text, CancellationToken cancellationToken)
    {
        var blockers = ReadBlockers(text);
        if (blockers.Count == 0)
        {
            return Refused($"the agent wrote an empty {BlockersFile}: it must say why real inference is impossible");
        }

        // The record keeps the agent's reasons (redacted like every artifact); nothing is uploaded, no Space is created.
        await context.Recorder.WriteArtifactAsync("agent/" + BlockersFile, string.Concat(blockers.Select(b => "- " + b + "\n")), cancellationToken).ConfigureAwait(false);
        foreach (var blocker in blockers)
        {
            await context.Recorder.AddBlockerAsync(blocker, cancellationToken).ConfigureAwait(false);
        }

        var reasons = string.Join("; ", blockers);
        await context.Recorder.RecordEventAsync("agent_blocked", $"the coding agent found real inference of {model} impossible: {reasons}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return StepResult.Failure(OutcomeCode.AgentBlocked, $"the coding agent found real inference of {model} impossible ({blockers.Count} blocker{(blockers.Count > 1 ? "s" : string.Empty)}: {reasons}); no Space was created");
    }

    private static StepResult Refused(string reason) =>
        StepResult.Failure(OutcomeCode.AgentPolicyViolation, reason.Contains("nothing was uploaded", StringComparison.Ordinal) ? reason : reason + "; nothing was uploaded");

    private static GeneratedFile[] SpaceFiles(Analysis.ModelAnalysis analysis, BuildManifest manifest, Dictionary<string, string> files)
    {
        var versions = GradioAppVersions.Default;
        var model = analysis.Model.ToString();
        var title = SpaceCardWriter.SafeTitle($"{analysis.Model.Name} demo");
        var readme = SpaceCardWriter.Write(title, versions.Gradio, analysis.License, model, $"{manifest.Task ?? "demo"} of {analysis.Model.Name}",
            $"# {title}\n\nA private demo of [{model}](https://huggingface.co/{model}), written by the Pi coding agent from the model card and " +
            $"checked and validated by SpaceFactory.\n\nAPI: `{manifest.ApiName}` runs the model, `/health` reports readiness.\n");
        return
        [
            new GeneratedFile("app.py", files["app.py"]),
            new GeneratedFile("requirements.txt", files["requirements.txt"]),
            new GeneratedFile("README.md", readme),
            new GeneratedFile(GeneratedSpaceApp.ManifestFileName, manifest.ToSpaceManifest(analysis.Model, title, versions.Gradio)),
        ];
    }
}
