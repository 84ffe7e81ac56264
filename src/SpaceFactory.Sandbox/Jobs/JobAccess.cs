using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Auth;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>What Jobs and scheduled Jobs check alike: the caller owns the namespace, and the JobSpec is runnable.</summary>
internal static class JobAccess
{
    /// <summary>The caller when authenticated as the namespace's owner with the <c>jobs</c> scope; otherwise writes 401/403 and returns null.</summary>
    public static async Task<SandboxCaller?> OwnerAsync(HttpContext context, SandboxServices services)
    {
        var caller = services.Tokens.Authenticate(context.Request).Caller;
        var ns = SandboxHttp.Route(context, "ns");
        if (caller is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status401Unauthorized, "You must be authenticated to use Jobs").ConfigureAwait(false);
            return null;
        }

        if (!string.Equals(caller.User, ns, StringComparison.OrdinalIgnoreCase))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, $"You don't have the rights to manage Jobs in the namespace \"{ns}\"").ConfigureAwait(false);
            return null;
        }

        if (!caller.HasScope("jobs"))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status403Forbidden, "This OAuth token was not granted the 'jobs' scope").ConfigureAwait(false);
            return null;
        }

        return caller;
    }

    /// <summary>What makes a JobSpec unrunnable, in words; null when it is runnable.</summary>
    public static string? SpecProblem(JobsWire.JobSpec? spec) => spec switch
    {
        null => "The body must be a JobSpec JSON object",
        _ when spec.DockerImage is null == (spec.SpaceId is null) => "Exactly one of dockerImage and spaceId is required",
        { Command: null or { Count: 0 } } => "\"command\" must be a non-empty array of strings",
        { Flavor: { } flavor } when !HardwareCatalog.IsKnown(flavor) => $"Invalid flavor '{flavor}'",
        _ => null,
    };
}
