namespace SpaceFactory.Sandbox.Spaces;

/// <summary>Which hardware a Space may request: a known flavor, allowed to the account, within the upgraded-hardware quota.</summary>
internal static class SpaceHardwarePolicy
{
    /// <summary>Null when <paramref name="flavor"/> may be used by <paramref name="spaceId"/>, else the refusal.</summary>
    public static (int Status, string Message)? Refusal(HfSandboxOptions options, IEnumerable<SpaceRuntime> spaces, string flavor, string spaceId)
    {
        if (!HardwareCatalog.IsKnown(flavor))
        {
            return (400, $"Invalid hardware flavor '{flavor}'. Valid flavors: {string.Join(", ", HardwareCatalog.Names)}");
        }

        var allowed = options.AllowedHardware;
        if (allowed is not null && !allowed.Contains(flavor))
        {
            return (402, $"Hardware '{flavor}' is not available to this account (the Sandbox allows: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}). A paid plan or a different flavor is required.");
        }

        if (options.UpgradedHardwareQuota is { } quota && flavor is not "cpu-basic")
        {
            var used = spaces.Count(s => !string.Equals(s.Repo.Id, spaceId, StringComparison.OrdinalIgnoreCase) && s.RequestedHardware is not null and not "cpu-basic");
            if (used >= quota)
            {
                return (403, $"Upgraded hardware quota reached: {used} of {quota} Spaces already use hardware other than cpu-basic.");
            }
        }

        return null;
    }
}
