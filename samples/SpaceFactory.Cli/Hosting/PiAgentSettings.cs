using SpaceFactory.Phases.Agents;
using SpaceFactory.Sandbox.Llm;

namespace SpaceFactory.Cli.Hosting;

/// <summary>
/// The Pi coding agent's settings for a CLI command. Against the Sandbox the agent talks to the Sandbox's scripted
/// model (<c>/v1</c>) and its <c>hf</c> is this CLI; against the Hub it uses the Inference Providers router, with
/// <c>SPACE_FACTORY_PI_MODEL</c>, <c>SPACE_FACTORY_PI_BASE_URL</c> and <c>SPACE_FACTORY_PI</c> (an installed <c>pi</c>) as overrides.
/// </summary>
internal static class PiAgentSettings
{
    public static void Apply(PiAgentOptions options, FactoryConnection connection)
    {
        if (connection.IsSandbox)
        {
            options.BaseUrl = new Uri(connection.Endpoint, "v1");
            options.Model = BuiltInAgentScripts.Model;
            options.HubCliCommand = SandboxSession.WorkerLauncher();
            options.Environment["HF_ENDPOINT"] = connection.Endpoint.ToString().TrimEnd('/');
        }

        if (Variable("SPACE_FACTORY_PI_MODEL") is { } model)
        {
            options.Model = model;
        }

        if (Variable("SPACE_FACTORY_PI_BASE_URL") is { } baseUrl)
        {
            options.BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri : throw new CliInputException($"SPACE_FACTORY_PI_BASE_URL '{baseUrl}' is not an absolute URL.");
        }

        if (Variable("SPACE_FACTORY_PI") is { } executable)
        {
            options.Executable = executable;
        }
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
