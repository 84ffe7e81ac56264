namespace SpaceFactory.Hf.Hub;

/// <summary>
/// One change in a commit made by <see cref="HubClient.CreateCommitAsync"/>: add (or replace) a file, delete a
/// file, or delete a folder. Create them with the static factory methods.
/// </summary>
/// <remarks>
/// Paths are validated at once: a leading <c>/</c> or <c>./</c> is removed; <c>.</c>, <c>..</c>, <c>.git</c> and
/// <c>.cache</c> segments are rejected with an <see cref="ArgumentException"/>.
/// </remarks>
public abstract class CommitOperation
{
    private protected CommitOperation(string pathInRepo)
    {
        PathInRepo = pathInRepo;
    }

    /// <summary>The normalised path in the repository (folders end with <c>/</c>).</summary>
    public string PathInRepo { get; }

    /// <summary>Adds a file with the given bytes.</summary>
    /// <param name="pathInRepo">Path in the repository, e.g. <c>app.py</c>.</param>
    /// <param name="content">The file content (not copied: do not change it until the commit is done).</param>
    /// <returns>The operation.</returns>
    public static CommitFileAddition AddFile(string pathInRepo, ReadOnlyMemory<byte> content) =>
        new(RepoPath.Normalize(pathInRepo, nameof(pathInRepo)), CommitFileSource.FromMemory(content));

    /// <summary>Adds a text file, encoded as UTF-8 without a byte-order mark.</summary>
    /// <param name="pathInRepo">Path in the repository, e.g. <c>requirements.txt</c>.</param>
    /// <param name="text">The file content.</param>
    /// <returns>The operation.</returns>
    public static CommitFileAddition AddFile(string pathInRepo, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AddFile(pathInRepo, (ReadOnlyMemory<byte>)System.Text.Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Adds a file read from the local disk when the commit is made (streamed, never loaded whole).</summary>
    /// <param name="pathInRepo">Path in the repository.</param>
    /// <param name="localPath">The local file.</param>
    /// <returns>The operation.</returns>
    /// <exception cref="FileNotFoundException">The local file does not exist.</exception>
    public static CommitFileAddition AddLocalFile(string pathInRepo, string localPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(localPath);
        var info = new FileInfo(localPath);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The file to commit as '{pathInRepo}' does not exist.", localPath);
        }

        return new CommitFileAddition(RepoPath.Normalize(pathInRepo, nameof(pathInRepo)), CommitFileSource.FromFile(info.FullName, info.Length));
    }

    /// <summary>
    /// Adds a file whose content comes from a stream opened on demand. The factory may be called several times
    /// (size and sample, SHA-256 for LFS, upload) and must return the same bytes each time; each stream is disposed.
    /// </summary>
    /// <param name="pathInRepo">Path in the repository.</param>
    /// <param name="openStream">Opens the content from its start.</param>
    /// <param name="length">The content length when known; otherwise the stream's length, or a first read counts it.</param>
    /// <returns>The operation.</returns>
    public static CommitFileAddition AddFile(string pathInRepo, Func<Stream> openStream, long? length = null)
    {
        ArgumentNullException.ThrowIfNull(openStream);
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The content length must not be negative.");
        }

        return new CommitFileAddition(RepoPath.Normalize(pathInRepo, nameof(pathInRepo)), CommitFileSource.FromFactory(openStream, length));
    }

    /// <summary>Deletes a file.</summary>
    /// <param name="pathInRepo">Path of the file in the repository.</param>
    /// <returns>The operation.</returns>
    public static CommitFileDeletion DeleteFile(string pathInRepo) => new(RepoPath.Normalize(pathInRepo, nameof(pathInRepo)));

    /// <summary>Deletes a folder and everything in it.</summary>
    /// <param name="pathInRepo">Path of the folder in the repository (a trailing <c>/</c> is added when missing).</param>
    /// <returns>The operation.</returns>
    public static CommitFolderDeletion DeleteFolder(string pathInRepo) => new(RepoPath.Normalize(pathInRepo, nameof(pathInRepo), folder: true));
}
