namespace SpaceFactory.Hf;

/// <summary>The Hub answered that the repo is gated and the user has not been granted access (`X-Error-Code: GatedRepo`).</summary>
public sealed class HfGatedRepoException : HfApiException
{
    internal HfGatedRepoException(HfErrorDetails details, string message)
        : base(details, message)
    {
    }
}
