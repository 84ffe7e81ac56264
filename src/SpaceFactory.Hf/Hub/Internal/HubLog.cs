using Microsoft.Extensions.Logging;

namespace SpaceFactory.Hf.Hub;

/// <summary>The <see cref="HubClient"/>'s log messages. Never a token, secret value or file content.</summary>
internal static partial class HubLog
{
    [LoggerMessage(1, LogLevel.Debug, "whoami answered from the cache for {User}")]
    public static partial void WhoAmICached(ILogger logger, string user);

    [LoggerMessage(2, LogLevel.Information, "Created {RepoType} {RepoId}")]
    public static partial void RepoCreated(ILogger logger, RepoType repoType, RepoId repoId);

    [LoggerMessage(3, LogLevel.Information, "{RepoType} {RepoId} already exists; reused because ExistOk was set")]
    public static partial void RepoReused(ILogger logger, RepoType repoType, RepoId repoId);

    [LoggerMessage(4, LogLevel.Information, "Committing to {RepoType} {RepoId}@{Revision}: {Regular} regular file(s), {Lfs} LFS file(s), {Ignored} ignored, {Deletions} deletion(s)")]
    public static partial void Committing(ILogger logger, RepoType repoType, RepoId repoId, string revision, int regular, int lfs, int ignored, int deletions);

    [LoggerMessage(5, LogLevel.Information, "Uploaded LFS object {Oid} ({Size} bytes) for {Path} by {Transfer} transfer")]
    public static partial void LfsUploaded(ILogger logger, string oid, long size, string path, string transfer);

    [LoggerMessage(6, LogLevel.Debug, "LFS object {Oid} for {Path} is already on the server")]
    public static partial void LfsAlreadyPresent(ILogger logger, string oid, string path);

    [LoggerMessage(7, LogLevel.Information, "Committed {CommitOid} to {RepoType} {RepoId}")]
    public static partial void Committed(ILogger logger, string commitOid, RepoType repoType, RepoId repoId);

    [LoggerMessage(8, LogLevel.Information, "Deleted {RepoType} {RepoId}")]
    public static partial void RepoDeleted(ILogger logger, RepoType repoType, RepoId repoId);

    [LoggerMessage(9, LogLevel.Warning, "Model card of {RepoId} has invalid metadata: {Error}")]
    public static partial void CardMetadataInvalid(ILogger logger, RepoId repoId, string error);

    [LoggerMessage(10, LogLevel.Information, "The status stream of {RepoId} is not available ({Reason}); polling its runtime instead")]
    public static partial void SpaceEventsUnavailable(ILogger logger, RepoId repoId, string reason);
}
