using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Agents;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Recipes;

/// <summary>Step sequences that several recipes share; a host composing its own recipe takes them from here.</summary>
public static class CommonSteps
{
    /// <summary>The steps every deploying recipe ends with: never overwrite, create private, one commit, stop when hardware must be chosen by hand, wait, record the target, validate the live API (a failed validation keeps the Space's logs).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The steps, in order.</returns>
    public static IEnumerable<IPhaseStep> DeployAndValidate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        yield return services.GetRequiredService<EnsureTargetAbsentStep>();
        yield return services.GetRequiredService<CreatePrivateSpaceStep>();
        yield return services.GetRequiredService<UploadSpaceFilesStep>();
        yield return services.GetRequiredService<StopForManualHardwareStep>();
        yield return services.GetRequiredService<WaitForSpaceRunningStep>();
        yield return services.GetRequiredService<WriteTargetSpaceStep>();
        yield return ValidateLiveApi(services);
    }

    /// <summary>The live validation, which keeps the Space's build and run logs under <c>logs/</c> when it fails.</summary>
    internal static IPhaseStep ValidateLiveApi(IServiceProvider services) =>
        new KeepSpaceLogsOnFailureStep(services.GetRequiredService<ValidateLiveApiStep>(), services.GetRequiredService<SpaceFactory.Hf.Hub.HubClient>(), services.GetRequiredService<SpaceWaitOptions>());

    /// <summary>The Pi coding agent running <paramref name="task"/>, with the registered installer and settings.</summary>
    internal static PiAgentStep PiAgent(IServiceProvider services, IPiAgentTask task) =>
        new(task, services.GetRequiredService<PiInstaller>(), services.GetRequiredService<PiAgentOptions>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SpaceFactory.Hf.HfClientOptions>>().Value.ResolveEndpoint());
}
