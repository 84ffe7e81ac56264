namespace SpaceFactory.Hf;

/// <summary>The Hub answered that 401: the token is missing, invalid or expired.</summary>
public sealed class HfUnauthorizedException : HfApiException
{
    internal HfUnauthorizedException(HfErrorDetails details, string message)
        : base(details, message)
    {
    }
}
