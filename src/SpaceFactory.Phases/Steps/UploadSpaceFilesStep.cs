using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Generation;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Uploads the generated files to the target Space in one commit, only after checking that the Space is this run's and
/// private. Before committing again after a lost answer or a crash it looks: when the Space already holds exactly these
/// files, that commit is adopted, never duplicated. Only the Sandbox receives the manifest's <c>simulation</c>
/// section (<see cref="SandboxOnlyData"/>): any other Hub gets the manifest without it.
/// </summary>
public sealed class UploadSpaceFilesStep(HubClient hub, StepRetryOptions? retry = null) : IPhaseStep
{
    private readonly StepRetryOptions _retry = retry ?? new StepRetryOptions();

    /// <inheritdoc />
    public string Name => "upload_space_files";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.State.Get(FactoryState.Target);
        var app = context.State.Get(FactoryState.App);

        var (commit, adopted) = await StepRetry.RetryAsync(
            context,
            _retry,
            "commit_retry",
            (ex, attempt) => $"the commit to {target.RepoId} failed ({StepRetry.Describe(ex)}); attempt {attempt} of {_retry.MaxAttempts}, will look whether it landed before sending again",
            async (attempt, ct) =>
            {
                // Look before every send: after a crash or a lost answer the commit may already be there.
                var (content, files) = await ReadPrivateAsync(target, app, ct).ConfigureAwait(false);
                var existing = content.HoldsAll ? content.Sha : null;
                if (existing is not null)
                {
                    var how = attempt == 1 ? "already holds" : "holds, although the answer to the commit was lost,";
                    await context.Recorder.RecordEventAsync("commit_reconciled", $"{target.RepoId} {how} these {files.Count} files (commit {existing}); not committed again", cancellationToken: ct).ConfigureAwait(false);
                    return (existing, true);
                }

                var info = await hub.CreateCommitAsync(
                    target.RepoId,
                    RepoType.Space,
                    "SpaceFactory: upload the generated app",
                    files.Select(f => (CommitOperation)CommitOperation.AddFile(f.Path, f.Content)),
                    // On top of the head just looked at: a commit someone else slipped in since makes the Hub refuse (412).
                    new CommitOptions { Description = $"Run {context.RunId}: {string.Join(", ", app.Files.Select(f => f.Path))}", ParentCommit = content.Sha },
                    ct).ConfigureAwait(false);
                return (info.CommitOid, false);
            },
            cancellationToken).ConfigureAwait(false);

        if (adopted)
        {
            context.State.Set(FactoryState.Target, target with { Commit = commit });
            return StepResult.Completed($"files already uploaded in {commit}");
        }

        context.State.Set(FactoryState.Target, target with { Commit = commit });
        await context.Recorder.RecordEventAsync("files_uploaded", $"committed {app.Files.Count} files to {target.RepoId}", cancellationToken: cancellationToken).ConfigureAwait(false);
        return StepResult.Completed($"one commit {commit[..Math.Min(12, commit.Length)]} with {string.Join(", ", app.Files.Select(f => f.Path))}");
    }

    /// <summary>
    /// What the Space holds and the files it should hold (Sandbox-only data only for the Sandbox), after checking that it
    /// is this run's and private (else a typed failure: nothing is uploaded).
    /// </summary>
    private async Task<(SpaceContent Content, IReadOnlyList<GeneratedFile> Files)> ReadPrivateAsync(TargetSpaceRecord target, GeneratedAppRecord app, CancellationToken cancellationToken)
    {
        var info = SpaceOwnership.RequirePrivate(target, await SpaceOwnership.FindAsync(hub, target.RepoId, cancellationToken).ConfigureAwait(false), "uploaded");
        var files = SandboxOnlyData.ForHub(app.Files, toSandbox: info.IsSandbox == true);
        return (await SpaceContent.CompareAsync(hub, target.RepoId, info, files, cancellationToken).ConfigureAwait(false), files);
    }
}
