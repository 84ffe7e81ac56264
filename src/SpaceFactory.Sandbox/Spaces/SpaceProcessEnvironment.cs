using System.Diagnostics;
using System.Globalization;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>
/// The environment a real Space app runs in: nothing of the host's (no <c>HF_TOKEN</c>, no cloud keys) except
/// <c>PATH</c> to find programs, then the Space's declared variables and secrets, then what the Spaces platform sets
/// (<c>SYSTEM=spaces</c>, <c>SPACE_ID</c>, <c>SPACE_HOST</c>, <c>SPACE_AUTHOR_NAME</c>, <c>SPACE_REPO_NAME</c>,
/// <c>SPACES_ZERO_GPU</c> on ZeroGPU hardware) and the Gradio server settings.
/// </summary>
internal static class SpaceProcessEnvironment
{
    public static void Apply(ProcessStartInfo start, SpaceRuntime runtime, string folder, int port)
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        start.Environment.Clear();
        if (path is not null)
        {
            start.Environment["PATH"] = path;
        }

        var home = Path.Combine(folder, ".home");
        Directory.CreateDirectory(home);
        start.Environment["HOME"] = home;
        start.Environment["LANG"] = "C.UTF-8";
        foreach (var (name, variable) in runtime.Variables)
        {
            start.Environment[name] = variable.Value;
        }

        foreach (var (name, secret) in runtime.SecretValues)
        {
            start.Environment[name] = secret;
        }

        var repo = runtime.Repo;
        start.Environment["SYSTEM"] = "spaces";
        start.Environment["SPACE_ID"] = repo.Id;
        start.Environment["SPACE_AUTHOR_NAME"] = repo.Namespace;
        start.Environment["SPACE_REPO_NAME"] = repo.Name;
        start.Environment["SPACE_HOST"] = (runtime.App?.Origin is { } origin ? new Uri(origin).Authority : SpaceRuntimeJson.Subdomain(repo) + ".hf.space");
        if ((runtime.CurrentHardware ?? runtime.RequestedHardware)?.StartsWith("zero", StringComparison.Ordinal) == true)
        {
            start.Environment["SPACES_ZERO_GPU"] = "true";
        }

        start.Environment["GRADIO_SERVER_NAME"] = "127.0.0.1";
        start.Environment["GRADIO_SERVER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["GRADIO_ANALYTICS_ENABLED"] = "False";
        start.Environment["PYTHONUNBUFFERED"] = "1";
    }
}
