namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>What the fault injector decided for one request.</summary>
internal enum InjectedFault
{
    None,
    ServerError,
    TooManyRequests,
    Drop,
}
