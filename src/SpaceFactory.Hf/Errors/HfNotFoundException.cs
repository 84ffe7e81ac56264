namespace SpaceFactory.Hf;

/// <summary>The Hub answered that 404, or the Hub's `RepoNotFound`, `RevisionNotFound` or `EntryNotFound` (also a 401 on a repo URL, which is how the Hub hides private repos).</summary>
public sealed class HfNotFoundException : HfApiException
{
    internal HfNotFoundException(HfErrorDetails details, string message)
        : base(details, message)
    {
    }
}
