namespace SpaceFactory.Hf;

/// <summary>The Hub answered that 403: the token is valid but lacks the permission (scope, role or ownership) the request needs.</summary>
public sealed class HfForbiddenException : HfApiException
{
    internal HfForbiddenException(HfErrorDetails details, string message)
        : base(details, message)
    {
    }
}
