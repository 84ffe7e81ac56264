using SpaceFactory.Hf;

namespace SpaceFactory.Phases;

/// <summary>The names of the request secrets the factory's steps and executors read (docs/architecture.md, "The token").</summary>
public static class FactorySecrets
{
    /// <summary>
    /// The run's Hugging Face token: <c>FactoryRequest.Secrets[HubToken]</c>. Steps read it only through
    /// <c>PhaseContext.GetSecret(HubToken)</c>, to hand it on (a Space secret, a Gradio connection, the agent's key);
    /// the Job executor passes it only as the Job secret of the same name, which the worker reads back as
    /// <see cref="HfClientOptions.TokenVariable"/>.
    /// </summary>
    public const string HubToken = HfClientOptions.TokenVariable;
}
