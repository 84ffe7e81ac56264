namespace SpaceFactory.Sandbox.Persistence;

/// <summary>Opens a persistent Sandbox's data folder at start: lock, load, restore, then save after changes.</summary>
internal static class StateLoader
{
    public static async Task LoadAsync(SandboxServices services, CancellationToken cancellationToken)
    {
        var (persister, state) = await StatePersister.OpenAsync(services, cancellationToken).ConfigureAwait(false);
        try
        {
            if (state is not null)
            {
                await StateRestore.ApplyAsync(services, state, persister.FilePath, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await persister.DisposeAsync().ConfigureAwait(false); // releases the folder without writing over the file
            throw;
        }

        services.Persister = persister;
        persister.Start();
        persister.MarkDirty();
    }
}
