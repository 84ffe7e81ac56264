namespace SpaceFactory.Sandbox.Spaces;

/// <summary>The injected Space failures (<see cref="HfSandboxOptions.SpaceFailures"/>): which rule fails a build or a start.</summary>
internal static class SpaceFailureRules
{
    /// <summary>The message of the first matching rule of <paramref name="kind"/> that has uses left (and counts the use), or null.</summary>
    public static string? Next(HfSandboxOptions options, SpaceRuntime runtime, SpaceFailureKind kind)
    {
        List<SpaceFailureRule> rules;
        lock (options.SpaceFailures)
        {
            rules = [.. options.SpaceFailures];
        }

        foreach (var rule in rules)
        {
            if (rule.Kind != kind || !rule.Matches(runtime.Repo.Id))
            {
                continue;
            }

            lock (runtime.Gate)
            {
                runtime.RuleUses.TryGetValue(rule, out var uses);
                if (rule.Times is { } times && uses >= times)
                {
                    continue;
                }

                runtime.RuleUses[rule] = uses + 1;
            }

            return rule.Message;
        }

        return null;
    }
}
