namespace SpaceFactory.Hf.Gradio;

/// <summary>Connects to Gradio apps, by URL or by Space id.</summary>
public interface IGradioClientFactory
{
    /// <summary>Connects to the app at <paramref name="baseUrl"/>: reads <c>/config</c> and <c>{prefix}/info</c>.</summary>
    /// <param name="baseUrl">The app's root, e.g. <c>https://owner-name.hf.space</c>.</param>
    /// <param name="options">Token and timeouts.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>The connected client.</returns>
    Task<GradioClient> ConnectAsync(Uri baseUrl, GradioConnectOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Connects to a Space's app: checks its runtime first (waits while it builds or starts, wakes it when asleep,
    /// typed errors when paused or failed), finds its host through the Hub, and sends the token to that host only.
    /// </summary>
    /// <param name="space">The Space, <c>namespace/name</c>.</param>
    /// <param name="options">Token and timeouts.</param>
    /// <param name="cancellationToken">Cancels the connection (and the wait).</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="GradioSpaceUnavailableException">The Space is paused, failed, or did not come up in time.</exception>
    Task<GradioClient> ConnectToSpaceAsync(RepoId space, GradioConnectOptions? options = null, CancellationToken cancellationToken = default);
}
