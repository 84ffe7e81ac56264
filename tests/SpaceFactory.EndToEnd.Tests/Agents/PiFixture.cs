using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Phases.Agents;
using SpaceFactory.Sandbox;
using SpaceFactory.Sandbox.Llm;

namespace SpaceFactory.EndToEnd.Tests.Agents;

/// <summary>
/// A factory whose Pi coding agent is the real <c>pi</c> (installed from npm by the step itself, or beforehand by
/// <c>.ci/setup.d/pi.sh</c>) talking to the Sandbox's scripted model, with this build's CLI as its <c>hf</c>.
/// </summary>
internal static class PiFixture
{
    public static Task<FactoryFixture> StartAsync(string model = BuiltInAgentScripts.Model, Action<HfSandboxOptions>? sandbox = null,
        Action<PiAgentOptions>? pi = null, Action<IServiceCollection>? services = null)
    {
        RequireNode();
        return FactoryFixture.StartAsync(sandbox, services, sandboxServices: (collection, started) =>
        {
            var options = new PiAgentOptions
            {
                BaseUrl = new Uri(started.Endpoint, "v1"),
                Model = model,
                HubCliCommand = CliProcess.Command,
                TimeLimit = TimeSpan.FromMinutes(3),
            };
            options.Environment["HF_ENDPOINT"] = started.Endpoint.ToString().TrimEnd('/');
            pi?.Invoke(options);
            collection.AddSingleton(options);
        });
    }

    /// <summary>Real pi needs Node.js and npm: CI must have them (it fails loudly), a developer machine without them skips.</summary>
    private static void RequireNode()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "node")) && File.Exists(Path.Combine(dir, "npm")));
        if (found)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            Assert.Fail("Node.js and npm are required for the Pi agent tests (real pi runs against the Sandbox); .ci/setup installs them.");
        }

        Assert.Ignore("Node.js >= 20.6 and npm are not on PATH: the Pi agent tests need them to install and run the real pi.");
    }
}
