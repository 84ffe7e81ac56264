namespace SpaceFactory.Hf;

/// <summary>The Hub answered 409: the resource already exists or another operation on it is in progress.</summary>
public sealed class HfConflictException : HfApiException
{
    internal HfConflictException(HfErrorDetails details, string message, Uri? existingUrl)
        : base(details, message)
    {
        ExistingUrl = existingUrl;
    }

    /// <summary>The URL of the existing resource, when the server named it (the <c>url</c> of a 409 body).</summary>
    public Uri? ExistingUrl { get; }
}
