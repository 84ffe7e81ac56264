namespace SpaceFactory.Hf;

/// <summary>
/// Makes the Hugging Face clients act with another token for the duration of a scope, e.g. the signed-in user's
/// OAuth token in a web host where one set of clients serves many users.
/// </summary>
/// <example>
/// <code>
/// using (HfTokenScope.Begin(userAccessToken))
/// {
///     var me = await hub.WhoAmIAsync(cancellationToken);
/// }
/// </code>
/// </example>
public sealed class HfTokenScope : IDisposable
{
    private static readonly AsyncLocal<HfTokenScope?> CurrentScope = new();
    private readonly HfTokenScope? _parent;
    private bool _disposed;

    private HfTokenScope(string token, HfTokenScope? parent)
    {
        Token = token;
        _parent = parent;
    }

    /// <summary>The token of the innermost active scope on this async flow, if any.</summary>
    internal static string? CurrentToken => CurrentScope.Value?.Token;

    private string Token { get; }

    /// <summary>Starts a scope in which every Hub, Jobs and Bucket request of this async flow carries <paramref name="token"/>.</summary>
    /// <param name="token">The access token to use; must not be empty.</param>
    /// <returns>The scope; dispose it to go back to the configured token.</returns>
    public static HfTokenScope Begin(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var scope = new HfTokenScope(token.Trim(), CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CurrentScope.Value = _parent;
    }

    /// <inheritdoc />
    public override string ToString() => "HfTokenScope { Token = *** }";
}
