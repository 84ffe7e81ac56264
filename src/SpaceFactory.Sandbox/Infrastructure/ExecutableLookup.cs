namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>Finds the executables the Sandbox may run (python3 for builds and real apps).</summary>
internal static class ExecutableLookup
{
    /// <summary>The full path of an executable found on PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
